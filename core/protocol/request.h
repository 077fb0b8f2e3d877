#pragma once

// Reading a request body into its protocol type, strictly: where fromJson
// is tolerant (an answer from another version still reads), a request is
// refused with the field it concerns — missing (missing_field), of the
// wrong type, too long or holding characters text may not hold
// (invalid_field). The first problem wins.
#include "protocol/codec.h"
#include "protocol/errorcode.h"
#include "protocol/text.h"

#include <variant>

namespace puente::protocol {

namespace detail {

inline ApiProblem problem(ErrorCode code, const QString &field, const QString &message)
{
    return ApiProblem{code, errorName(code), message, field};
}

template<typename V>
QString typeWord()
{
    if constexpr (IsOptional<V>::value)
        return typeWord<typename V::value_type>();
    else if constexpr (std::is_same_v<V, bool>)
        return QStringLiteral("true or false");
    else if constexpr (std::is_same_v<V, double>)
        return QStringLiteral("a number");
    else if constexpr (std::is_integral_v<V>)
        return QStringLiteral("a whole number");
    else if constexpr (std::is_same_v<V, QString> || std::is_enum_v<V>)
        return QStringLiteral("a string");
    else if constexpr (std::is_same_v<V, QStringList>)
        return QStringLiteral("a list of strings");
    else if constexpr (IsList<V>::value || std::is_same_v<V, QJsonArray>)
        return QStringLiteral("a list");
    else if constexpr (std::is_same_v<V, QJsonValue>)
        return QStringLiteral("a value");
    else
        return QStringLiteral("an object");
}

template<typename T>
std::optional<ApiProblem> check(const QJsonObject &json, T &out, const QString &prefix);

// A nested object with a codec, optional or not.
template<typename V>
struct IsNested : HasCodec<V> {};
template<typename V>
struct IsNested<std::optional<V>> : HasCodec<V> {};

// One field: the value is decoded into `member` or the problem returned.
template<typename V>
std::optional<ApiProblem> checkField(const QJsonValue &j, V &member, const QString &name, unsigned flags, int maxLength)
{
    const bool absent = j.isUndefined() || j.isNull();
    if (absent) {
        if (flags & Required)
            return problem(ErrorCode::MissingField, name, QStringLiteral("%1 is required").arg(name));
        if constexpr (std::is_same_v<V, QJsonValue>)
            member = j; // null and absent differ here (null: clear)
        return std::nullopt;
    }
    if constexpr (IsNested<V>::value) {
        if (!j.isObject())
            return problem(ErrorCode::InvalidField, name, QStringLiteral("%1 must be %2").arg(name, typeWord<V>()));
        if constexpr (IsOptional<V>::value) {
            typename V::value_type inner{};
            if (auto p = check(j.toObject(), inner, name + QLatin1Char('.')))
                return p;
            member = std::move(inner);
        } else if (auto p = check(j.toObject(), member, name + QLatin1Char('.'))) {
            return p;
        }
        return std::nullopt;
    } else {
        if (!decodeValue(j, member))
            return problem(ErrorCode::InvalidField, name, QStringLiteral("%1 must be %2").arg(name, typeWord<V>()));
        const QString *s = nullptr;
        if constexpr (std::is_same_v<V, QString>)
            s = &member;
        else if constexpr (std::is_same_v<V, std::optional<QString>>)
            s = &*member;
        if (s) {
            const int limit = maxLength > 0 ? maxLength : 10'000;
            if (s->size() > limit)
                return problem(ErrorCode::InvalidField, name, QStringLiteral("%1 is longer than %2 characters").arg(name).arg(limit));
            const QString what = text::problem(*s, (flags & Multiline) ? text::Kind::Multiline : text::Kind::Line);
            if (!what.isEmpty())
                return problem(ErrorCode::InvalidField, name, QStringLiteral("%1 %2").arg(name, what));
            if ((flags & Required) && s->trimmed().isEmpty())
                return problem(ErrorCode::MissingField, name, QStringLiteral("%1 must not be empty").arg(name));
        }
        return std::nullopt;
    }
}

template<typename T>
std::optional<ApiProblem> check(const QJsonObject &json, T &out, const QString &prefix)
{
    std::optional<ApiProblem> first;
    std::apply(
        [&](const auto &...f) {
            ((first ? void() : void(first = checkField(json.value(QLatin1String(f.name)), out.*(f.member), prefix + QLatin1String(f.name), f.flags, f.maxLength))),
             ...);
        },
        Codec<T>::fields());
    return first;
}

} // namespace detail

template<typename T>
std::variant<T, ApiProblem> decodeRequest(const QJsonObject &json)
{
    T value{};
    if (auto p = detail::check(json, value, QString()))
        return *p;
    return value;
}

} // namespace puente::protocol
