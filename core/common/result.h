#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace puente {

// An error a caller can show: a stable snake_case code for programs and a
// one-line human message. Messages never contain secrets.
struct Error {
    QString code;
    QString message;
};

// The outcome of an operation that can fail in an expected way. Storage,
// crypto and configuration code returns these instead of throwing.
template<typename T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(Error error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return std::get<0>(m_v); }
    T &value() & { return std::get<0>(m_v); }
    T &&value() && { return std::get<0>(std::move(m_v)); }
    const T *operator->() const { return &std::get<0>(m_v); }
    T *operator->() { return &std::get<0>(m_v); }
    const T &operator*() const & { return std::get<0>(m_v); }
    T &operator*() & { return std::get<0>(m_v); }
    const Error &error() const { return std::get<1>(m_v); }
    T valueOr(T fallback) const { return ok() ? std::get<0>(m_v) : std::move(fallback); }

private:
    std::variant<T, Error> m_v;
};

template<>
class [[nodiscard]] Result<void> {
public:
    Result() = default;
    Result(Error error) : m_failed(true), m_error(std::move(error)) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    bool m_failed = false;
    Error m_error;
};

using Status = Result<void>;

inline Error makeError(const char *code, const QString &message)
{
    return Error{QString::fromLatin1(code), message};
}

} // namespace puente
