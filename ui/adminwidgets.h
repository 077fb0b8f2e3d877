#pragma once

#include <QStyledItemDelegate>
#include <QWidget>

#include <optional>

class QLabel;
class QProgressBar;

namespace puente::ui {

// "3 of 5" with a bar that turns orange near the limit and red at it; a
// limit of nullopt is "no limit".
class UsageBar : public QWidget {
    Q_OBJECT
public:
    UsageBar(const QString &label, QWidget *parent = nullptr);
    void setUsage(qint64 used, std::optional<qint64> limit);
    QString text() const;
    bool atLimit() const { return m_atLimit; }

private:
    QLabel *m_label;
    QProgressBar *m_bar;
    QLabel *m_numbers;
    bool m_atLimit = false;
};

// The same bar inside a table cell: the item's kUsedRole and kLimitRole
// (an invalid QVariant for "no limit").
class UsageBarDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    static constexpr int kUsedRole = Qt::UserRole + 20;
    static constexpr int kLimitRole = Qt::UserRole + 21;
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    // "3 / 5", "3 (no limit)".
    static QString usageText(qint64 used, const QVariant &limit);
};

} // namespace puente::ui
