#include "translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace puente::ui {

bool installTranslations(QCoreApplication &app, const QLocale &locale)
{
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    auto *puente = new QTranslator(&app);
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
    return false;
}

} // namespace puente::ui
