#pragma once

// The JSON codec of the protocol types, written once: each type lists its
// fields (name, member, flags) in a Codec<T> specialisation, and toJson /
// fromJson walk that list. Encoding and decoding cannot disagree, and the
// contract test (tests/core/tst_protocol.cpp) checks the same lists against
// docs/openapi.yaml.

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <tuple>
#include <type_traits>

namespace puente::protocol {

// How a field travels.
enum FieldFlag : unsigned {
    Plain = 0,
    OmitIfEmpty = 1u << 0, // an empty optional (or string, list) leaves the key out instead of null
    Required = 1u << 1,    // a request without it is refused (decodeRequest)
    Multiline = 1u << 2,   // text that may hold line breaks (names and the like may not)
};

template<typename T, typename M>
struct Field {
    const char *name;
    M T::*member;
    unsigned flags = Plain;
    int maxLength = 0; // strings in requests: longer is refused (0: the default, 10,000)
};

template<typename T, typename M>
constexpr Field<T, M> field(const char *name, M T::*member, unsigned flags = Plain, int maxLength = 0)
{
    return {name, member, flags, maxLength};
}

// Codec<T>::fields() returns a tuple of Field<T, ...>. Types without one are
// scalars, enums (EnumNames<E>), lists, optionals or free-form JSON.
template<typename T>
struct Codec;

template<typename T, typename = void>
struct HasCodec : std::false_type {};
template<typename T>
struct HasCodec<T, std::void_t<decltype(Codec<T>::fields())>> : std::true_type {};

// EnumNames<E>::names: the wire names, in enumerator order.
template<typename E>
struct EnumNames;

template<typename E>
QString enumName(E value)
{
    const auto &names = EnumNames<E>::names;
    const auto i = static_cast<std::size_t>(value);
    return i < std::size(names) ? QString::fromLatin1(names[i]) : QString();
}

template<typename E>
std::optional<E> enumFromName(const QString &name)
{
    const auto &names = EnumNames<E>::names;
    for (std::size_t i = 0; i < std::size(names); ++i)
        if (name == QLatin1String(names[i]))
            return static_cast<E>(i);
    return std::nullopt;
}

template<typename T>
struct IsOptional : std::false_type {};
template<typename T>
struct IsOptional<std::optional<T>> : std::true_type {};
template<typename T>
struct IsList : std::false_type {};
template<typename T>
struct IsList<QList<T>> : std::true_type {};

template<typename T>
QJsonObject toJson(const T &value);
template<typename T>
T fromJson(const QJsonObject &object);

// One value to JSON.
template<typename V>
QJsonValue encodeValue(const V &v)
{
    if constexpr (std::is_same_v<V, bool> || std::is_same_v<V, double> || std::is_same_v<V, QString> || std::is_same_v<V, QJsonObject>
                  || std::is_same_v<V, QJsonArray> || std::is_same_v<V, QJsonValue>)
        return QJsonValue(v);
    else if constexpr (std::is_same_v<V, QStringList>)
        return QJsonArray::fromStringList(v);
    else if constexpr (std::is_integral_v<V>)
        return QJsonValue(qint64(v));
    else if constexpr (std::is_enum_v<V>)
        return enumName(v);
    else if constexpr (IsOptional<V>::value)
        return v ? encodeValue(*v) : QJsonValue();
    else if constexpr (IsList<V>::value) {
        QJsonArray a;
        for (const auto &item : v)
            a.append(encodeValue(item));
        return a;
    } else {
        static_assert(HasCodec<V>::value, "no JSON codec for this type");
        return toJson(v);
    }
}

// One value from JSON; false when the JSON has another type (the value is
// then left as it was).
template<typename V>
bool decodeValue(const QJsonValue &j, V &out)
{
    if constexpr (std::is_same_v<V, bool>) {
        if (!j.isBool())
            return false;
        out = j.toBool();
    } else if constexpr (std::is_same_v<V, double>) {
        if (!j.isDouble())
            return false;
        out = j.toDouble();
    } else if constexpr (std::is_integral_v<V>) {
        // A whole number (JSON has no integers of its own); ids may come as
        // strings from Meta-shaped sources.
        if (j.isDouble() && j.toDouble() == double(j.toInteger()))
            out = V(j.toInteger());
        else
            return false;
    } else if constexpr (std::is_same_v<V, QString>) {
        if (!j.isString())
            return false;
        out = j.toString();
    } else if constexpr (std::is_same_v<V, QJsonObject>) {
        if (!j.isObject())
            return false;
        out = j.toObject();
    } else if constexpr (std::is_same_v<V, QJsonArray>) {
        if (!j.isArray())
            return false;
        out = j.toArray();
    } else if constexpr (std::is_same_v<V, QJsonValue>) {
        out = j;
    } else if constexpr (std::is_same_v<V, QStringList>) {
        if (!j.isArray())
            return false;
        out.clear();
        for (const QJsonValue &item : j.toArray()) {
            if (!item.isString())
                return false;
            out.append(item.toString());
        }
    } else if constexpr (std::is_enum_v<V>) {
        const auto e = j.isString() ? enumFromName<V>(j.toString()) : std::nullopt;
        if (!e)
            return false;
        out = *e;
    } else if constexpr (IsOptional<V>::value) {
        if (j.isNull() || j.isUndefined()) {
            out.reset();
            return true;
        }
        typename V::value_type inner{};
        if (!decodeValue(j, inner))
            return false;
        out = std::move(inner);
    } else if constexpr (IsList<V>::value) {
        if (!j.isArray())
            return false;
        out.clear();
        for (const QJsonValue &item : j.toArray()) {
            typename V::value_type inner{};
            if (!decodeValue(item, inner))
                return false;
            out.append(std::move(inner));
        }
    } else {
        static_assert(HasCodec<V>::value, "no JSON codec for this type");
        if (!j.isObject())
            return false;
        out = fromJson<V>(j.toObject());
    }
    return true;
}

template<typename V>
bool isEmptyValue(const V &v)
{
    if constexpr (IsOptional<V>::value)
        return !v.has_value();
    else if constexpr (std::is_same_v<V, QString> || std::is_same_v<V, QStringList> || IsList<V>::value || std::is_same_v<V, QJsonObject>
                       || std::is_same_v<V, QJsonArray>)
        return v.isEmpty();
    else if constexpr (std::is_integral_v<V>)
        return v == 0;
    else
        return false;
}

template<typename T>
QJsonObject toJson(const T &value)
{
    QJsonObject out;
    std::apply([&](const auto &...f) {
        (([&] {
             const auto &v = value.*(f.member);
             if ((f.flags & OmitIfEmpty) && isEmptyValue(v))
                 return;
             out.insert(QLatin1String(f.name), encodeValue(v));
         }()),
         ...);
    }, Codec<T>::fields());
    return out;
}

// Tolerant: unknown keys are ignored, missing or mistyped ones keep the
// member's default (an answer from a newer or older server still reads).
template<typename T>
T fromJson(const QJsonObject &object)
{
    T value{};
    std::apply([&](const auto &...f) { ((void)decodeValue(object.value(QLatin1String(f.name)), value.*(f.member)), ...); },
               Codec<T>::fields());
    return value;
}

template<typename T>
QJsonArray toJsonArray(const QList<T> &list)
{
    QJsonArray a;
    for (const T &item : list)
        a.append(encodeValue(item));
    return a;
}

template<typename T>
QList<T> fromJsonArray(const QJsonArray &array)
{
    QList<T> out;
    out.reserve(array.size());
    for (const QJsonValue &item : array) {
        T value{};
        if (decodeValue(item, value))
            out.append(std::move(value));
    }
    return out;
}

// The names of a type's fields, in order (the contract test compares them
// with the OpenAPI schema).
template<typename T>
QStringList fieldNames()
{
    QStringList names;
    std::apply([&](const auto &...f) { (names.append(QLatin1String(f.name)), ...); }, Codec<T>::fields());
    return names;
}

} // namespace puente::protocol
