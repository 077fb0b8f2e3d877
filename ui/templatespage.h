#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTextBrowser;

namespace puente::client {
class ApiClient;
struct ApiError;
} // namespace puente::client

namespace puente::ui {

class Notice;
class PageState;

// Tenant admins' message templates as last synced from Meta
// (GET /api/whatsapp/templates): name, language, category, status (with
// Meta's reason for a rejection), quality; "Sync now" reads them again
// (POST /api/whatsapp/templates/sync); the selected one is previewed with
// its placeholders marked.
class TemplatesPage : public QWidget {
    Q_OBJECT
public:
    explicit TemplatesPage(client::ApiClient *api, QWidget *parent = nullptr);

    QTableWidget *table() const { return m_table; }
    PageState *pageState() const { return m_state; }
    Notice *notice() const { return m_notice; }
    QPushButton *syncButton() const { return m_sync; }
    QTextBrowser *preview() const { return m_preview; }
    QString previewHtml() const;

    bool selectTemplate(const QString &name, const QString &language);
    QJsonObject selectedTemplate() const;

    // Words for Meta's values (also used by tests and other pages).
    static QString statusText(const QJsonObject &tmpl);
    static QString qualityText(const QString &quality);
    static QString categoryText(const QString &category);

public Q_SLOTS:
    void refresh();
    void sync();

Q_SIGNALS:
    void loaded(bool ok);
    // A sync finished: `ok`, and how many templates Meta returned.
    void synced(bool ok, int count);

private:
    void showTemplates(const QJsonArray &templates);
    void showSelected();
    void syncFailed(const client::ApiError &error);

    client::ApiClient *m_api;
    QTableWidget *m_table = nullptr;
    PageState *m_state = nullptr;
    Notice *m_notice = nullptr;
    QPushButton *m_sync = nullptr;
    QLabel *m_previewTitle = nullptr;
    QLabel *m_previewStatus = nullptr;
    QTextBrowser *m_preview = nullptr;
};

} // namespace puente::ui
