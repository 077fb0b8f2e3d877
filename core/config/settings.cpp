#include "config/settings.h"

#include <QFileInfo>
#include <QSettings>

namespace puente {

Result<Settings> Settings::load(const QString &iniFile, const QProcessEnvironment &env)
{
    Settings s;
    s.m_env = env;
    if (iniFile.isEmpty())
        return s;
    if (!QFileInfo(iniFile).isReadable())
        return makeError("bad_config", QStringLiteral("cannot read config file %1").arg(iniFile));
    QSettings ini(iniFile, QSettings::IniFormat);
    if (ini.status() != QSettings::NoError)
        return makeError("bad_config", QStringLiteral("config file %1 is not valid INI").arg(iniFile));
    const QStringList keys = ini.allKeys();
    for (const QString &key : keys) {
        QString name = key;
        if (name.startsWith(QLatin1String("puente/")))
            name = name.mid(7);
        else if (name.startsWith(QLatin1String("General/")))
            name = name.mid(8);
        // An unquoted value with commas ("a,b") comes back as a list.
        const QVariant value = ini.value(key);
        s.m_file.insert(name.toLower(), value.typeId() == QMetaType::QStringList ? value.toStringList().join(QLatin1Char(','))
                                                                                 : value.toString());
    }
    return s;
}

QString Settings::envName(const QString &key)
{
    return QStringLiteral("PUENTE_") + key.toUpper();
}

bool Settings::contains(const QString &key) const
{
    return m_overrides.contains(key) || m_env.contains(envName(key)) || m_file.contains(key);
}

QString Settings::value(const QString &key, const QString &fallback) const
{
    if (auto it = m_overrides.constFind(key); it != m_overrides.cend())
        return *it;
    if (m_env.contains(envName(key)))
        return m_env.value(envName(key));
    return m_file.value(key, fallback);
}

void Settings::setOverride(const QString &key, const QString &value)
{
    m_overrides.insert(key, value);
}

} // namespace puente
