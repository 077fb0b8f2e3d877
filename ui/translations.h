#pragma once

#include <QLocale>

class QCoreApplication;

namespace puente::ui {

// Installs Puente's and Qt's translations for `locale` (Spanish first; any
// locale without a translation gets English, the source language); with a
// translation, `locale` also becomes the default QLocale for numbers and
// dates. Returns whether a Puente translation was loaded.
bool installTranslations(QCoreApplication &app, const QLocale &locale);

} // namespace puente::ui
