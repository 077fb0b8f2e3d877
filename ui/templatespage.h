#pragma once

#include "adminpage.h"
#include "protocol/types.h"

class QTextBrowser;

namespace puente::ui {

// Tenant admins' message templates as last synced from Meta
// (GET /api/whatsapp/templates): name, language, category, status (with
// Meta's reason for a rejection), quality; "Sync now" reads them again
// (POST /api/whatsapp/templates/sync); the selected one is previewed with
// its placeholders marked.
class TemplatesPage : public AdminTablePage {
    Q_OBJECT
public:
    explicit TemplatesPage(client::ApiClient *api, QWidget *parent = nullptr);

    QPushButton *syncButton() const { return m_sync; }
    QTextBrowser *preview() const { return m_preview; }
    QString previewHtml() const;

    bool selectTemplate(const QString &name, const QString &language);
    std::optional<protocol::Template> selectedTemplate() const { return selectedIn(m_templates); }

    // Words for Meta's values (also used by tests and other pages).
    static QString statusText(const protocol::Template &tmpl);
    static QString qualityText(const QString &quality);
    static QString categoryText(const QString &category);

public Q_SLOTS:
    void refresh() override;
    void sync();

Q_SIGNALS:
    // A sync finished: `ok`, and how many templates Meta returned.
    void synced(bool ok, int count);

private:
    void showTemplates(const QList<protocol::Template> &templates);
    void showSelected();
    void updateActions() override { showSelected(); }
    void listFailed() override;
    void syncFailed(const client::ApiError &error);

    QList<protocol::Template> m_templates;
    QPushButton *m_sync = nullptr;
    QLabel *m_previewTitle = nullptr;
    QLabel *m_previewStatus = nullptr;
    QTextBrowser *m_preview = nullptr;
};

} // namespace puente::ui
