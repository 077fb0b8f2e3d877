#pragma once

#include "common/result.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>

namespace puente {

// Installation settings, looked up in this order: an explicit override (a
// command-line option), the environment (`PUENTE_<KEY>`, upper-case, so
// `data_dir` is PUENTE_DATA_DIR), the INI file given with --config (keys at
// the top level or under [puente]), then the default.
class Settings {
public:
    static Result<Settings> load(const QString &iniFile, const QProcessEnvironment &env);

    QString value(const QString &key, const QString &fallback = {}) const;
    bool contains(const QString &key) const;
    void setOverride(const QString &key, const QString &value);

    static QString envName(const QString &key);

private:
    QHash<QString, QString> m_file;
    QHash<QString, QString> m_overrides;
    QProcessEnvironment m_env;
};

} // namespace puente
