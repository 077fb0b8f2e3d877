#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QPointer>
#include <QTranslator>

namespace puente::ui {

namespace {
// The installed ones, so that switching language replaces them.
QPointer<QTranslator> g_qt;
QPointer<QTranslator> g_puente;
}

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    for (QPointer<QTranslator> *old : {&g_qt, &g_puente})
        if (*old) {
            QCoreApplication::removeTranslator(*old);
            delete old->data();
        }
    QLocale::setDefault(QLocale::system());
    auto *qt = new QTranslator(&app);
    g_qt = qt;
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *puente = new QTranslator(&app);
    g_puente = puente;
    // qt_add_translations embeds the .qm files under :/i18n.
    if (puente->load(locale, QStringLiteral("puente"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        QCoreApplication::installTranslator(puente);
        // Numbers and dates in the same language as the words (not
        // "1,000 clientes" or an English month).
        QLocale::setDefault(locale);
        return true;
    }
    // English is the source language, but its plural forms ("%n second(s)")
    // come from puente_en: every other locale (and "C") gets it.
    if (puente->load(QStringLiteral(":/i18n/puente_en")))
        QCoreApplication::installTranslator(puente);
    // A system without a locale (LANG unset, "C") would show "07:46:02" and
    // "12/7/26": English words get English formats.
    if (QLocale::system().language() == QLocale::C)
        QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
    return false;
}

} // namespace puente::ui
