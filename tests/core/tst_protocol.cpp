// The protocol module against itself and against docs/openapi.yaml: every
// route's query, request body and answers, derived from the document, are
// compared field by field (names, JSON types, enums, nullability, required
// members, length limits) with the codecs the server and the console use.
// The document, the server and the console cannot drift apart unnoticed.
#include "protocol/errorcode.h"
#include "protocol/request.h"
#include "protocol/routes.h"
#include "protocol/templatetext.h"
#include "protocol/types.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

#include <yaml-cpp/yaml.h>

#include <memory>

using namespace puente::protocol;

namespace {

// A schema of the document with $ref and allOf resolved.
struct Schema {
    QString type; // object, array, string, integer, number, boolean; empty: anything
    bool nullable = false;
    QStringList enumValues;
    QMap<QString, std::shared_ptr<Schema>> properties;
    QSet<QString> required;
    std::shared_ptr<Schema> items;
    int maxLength = 0;
    bool freeForm = false; // an object without listed properties
};

class Document {
public:
    explicit Document(const YAML::Node &root) : m_root(root) {}

    std::shared_ptr<Schema> resolve(const YAML::Node &node) const
    {
        auto s = std::make_shared<Schema>();
        if (!node || !node.IsMap())
            return s;
        if (node["$ref"]) {
            const std::string ref = node["$ref"].as<std::string>();
            YAML::Node target;
            target.reset(m_root);
            for (const QString &part : QString::fromStdString(ref).mid(2).split(QLatin1Char('/'))) {
                if (!target[part.toStdString()])
                    qFatal("unresolved $ref %s", ref.c_str());
                target.reset(target[part.toStdString()]);
            }
            if (!target)
                qFatal("unresolved $ref %s", ref.c_str());
            s = resolve(target);
        }
        if (node["allOf"]) {
            for (const YAML::Node &part : node["allOf"]) {
                const auto p = resolve(part);
                if (!p->type.isEmpty())
                    s->type = p->type;
                for (auto it = p->properties.cbegin(); it != p->properties.cend(); ++it)
                    s->properties.insert(it.key(), it.value());
                s->required.unite(p->required);
                s->enumValues += p->enumValues;
                s->nullable = s->nullable || p->nullable;
                s->freeForm = s->freeForm || p->freeForm;
                if (p->items)
                    s->items = p->items;
            }
        }
        if (node["type"])
            s->type = QString::fromStdString(node["type"].as<std::string>());
        if (node["nullable"])
            s->nullable = node["nullable"].as<bool>();
        if (node["enum"]) {
            s->enumValues.clear();
            for (const YAML::Node &e : node["enum"])
                s->enumValues.append(QString::fromStdString(e.as<std::string>()));
        }
        if (node["maxLength"])
            s->maxLength = node["maxLength"].as<int>();
        if (node["properties"])
            for (const auto &kv : node["properties"])
                s->properties.insert(QString::fromStdString(kv.first.as<std::string>()), resolve(kv.second));
        if (node["required"])
            for (const YAML::Node &r : node["required"])
                s->required.insert(QString::fromStdString(r.as<std::string>()));
        if (node["items"])
            s->items = resolve(node["items"]);
        if (s->type == QLatin1String("object") && s->properties.isEmpty())
            s->freeForm = true;
        return s;
    }

    const YAML::Node &root() const { return m_root; }

private:
    YAML::Node m_root;
};

enum class Side { Answer, Request };

struct Checker {
    QStringList problems;

    void fail(const QString &where, const QString &what) { problems.append(where + QStringLiteral(": ") + what); }

    template<typename V>
    void value(const Schema &s, const QString &where)
    {
        if constexpr (IsOptional<V>::value) {
            value<typename V::value_type>(s, where);
        } else if constexpr (std::is_same_v<V, QJsonValue>) {
            // anything
        } else if constexpr (std::is_same_v<V, bool>) {
            expectType(s, where, QStringLiteral("boolean"));
        } else if constexpr (std::is_same_v<V, double>) {
            expectType(s, where, QStringLiteral("number"));
        } else if constexpr (std::is_integral_v<V>) {
            expectType(s, where, QStringLiteral("integer"));
        } else if constexpr (std::is_same_v<V, QString>) {
            expectType(s, where, QStringLiteral("string"));
        } else if constexpr (std::is_enum_v<V>) {
            expectType(s, where, QStringLiteral("string"));
            QStringList names;
            for (const char *n : EnumNames<V>::names)
                names.append(QString::fromLatin1(n));
            if (QSet<QString>(names.cbegin(), names.cend()) != QSet<QString>(s.enumValues.cbegin(), s.enumValues.cend()))
                fail(where, QStringLiteral("enum [%1] in the code, [%2] in the document").arg(names.join(QLatin1Char(',')), s.enumValues.join(QLatin1Char(','))));
        } else if constexpr (std::is_same_v<V, QStringList>) {
            expectType(s, where, QStringLiteral("array"));
            if (s.items)
                expectType(*s.items, where + QStringLiteral("[]"), QStringLiteral("string"));
        } else if constexpr (IsList<V>::value) {
            expectType(s, where, QStringLiteral("array"));
            if (!s.items)
                fail(where, QStringLiteral("the document gives no items"));
            else
                value<typename V::value_type>(*s.items, where + QStringLiteral("[]"));
        } else if constexpr (std::is_same_v<V, QJsonArray>) {
            expectType(s, where, QStringLiteral("array"));
        } else if constexpr (std::is_same_v<V, QJsonObject>) {
            expectType(s, where, QStringLiteral("object"));
        } else {
            object<V>(s, where, m_side);
        }
    }

    template<typename Q>
    void queryParameter(const Schema &s, const QString &where, const QString &name)
    {
        std::apply(
            [&](const auto &...f) {
                (([&](const auto &one) {
                     using M = std::remove_cvref_t<decltype(std::declval<Q &>().*(one.member))>;
                     if (QLatin1String(one.name) == name)
                         value<M>(s, where);
                 }(f)),
                 ...);
            },
            Codec<Q>::fields());
    }

    void expectType(const Schema &s, const QString &where, const QString &type)
    {
        if (s.type != type)
            fail(where, QStringLiteral("%1 in the code, %2 in the document").arg(type, s.type.isEmpty() ? QStringLiteral("no type") : s.type));
    }

    template<typename T>
    void object(const Schema &s, const QString &where, Side side)
    {
        const Side outer = m_side;
        m_side = side;
        if (s.type != QLatin1String("object"))
            fail(where, QStringLiteral("an object in the code, %1 in the document").arg(s.type));
        const QStringList names = fieldNames<T>();
        for (const QString &n : names)
            if (!s.properties.contains(n))
                fail(where, QStringLiteral("%1 is in the code, not in the document").arg(n));
        for (auto it = s.properties.cbegin(); it != s.properties.cend(); ++it)
            if (!names.contains(it.key()))
                fail(where, QStringLiteral("%1 is in the document, not in the code").arg(it.key()));
        std::apply([&](const auto &...f) { (member(s, where, f), ...); }, Codec<T>::fields());
        m_side = outer;
    }

    template<typename T, typename M>
    void member(const Schema &s, const QString &where, const Field<T, M> &f)
    {
        const QString name = QLatin1String(f.name);
        const auto prop = s.properties.value(name);
        if (!prop)
            return;
        const QString at = where + QLatin1Char('.') + name;
        value<M>(*prop, at);
        constexpr bool canBeNull = IsOptional<M>::value || std::is_same_v<M, QJsonValue>;
        if (prop->nullable && !canBeNull)
            fail(at, QStringLiteral("nullable in the document, never null in the code"));
        if (m_side == Side::Answer) {
            if (canBeNull && !(f.flags & OmitIfEmpty) && !prop->nullable && !std::is_same_v<M, QJsonValue>)
                fail(at, QStringLiteral("the code may send null; the document does not say nullable"));
            if (s.required.contains(name) && (f.flags & OmitIfEmpty))
                fail(at, QStringLiteral("required in the document; the code may leave it out"));
        } else {
            if (s.required.contains(name) != bool(f.flags & Required))
                fail(at, QStringLiteral("required: %1 in the document, %2 in the code").arg(s.required.contains(name)).arg(bool(f.flags & Required)));
            if constexpr (std::is_same_v<M, QString> || std::is_same_v<M, std::optional<QString>>) {
                const int limit = f.maxLength > 0 ? f.maxLength : 10'000;
                if (prop->maxLength && prop->maxLength != limit)
                    fail(at, QStringLiteral("maxLength %1 in the document, %2 in the code").arg(prop->maxLength).arg(limit));
                if (!prop->maxLength && f.maxLength > 0 && prop->enumValues.isEmpty())
                    fail(at, QStringLiteral("the code limits it to %1 characters; the document gives no maxLength").arg(f.maxLength));
            }
        }
    }

    Side m_side = Side::Answer;
};

// node[k1][k2]...; an empty node when one is missing (yaml-cpp throws on
// indexing a missing node).
YAML::Node at(YAML::Node node, std::initializer_list<const char *> keys)
{
    for (const char *k : keys) {
        if (!node || !node.IsMap() || !node[k])
            return YAML::Node(YAML::NodeType::Undefined);
        node.reset(node[k]); // assignment would write into the document
    }
    return node;
}

QString lower(Verb v)
{
    return enumName(v).toLower();
}

} // namespace

class TestProtocol : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void codecRoundTrip();
    void tolerantAnswers();
    void strictRequests();
    void errorCodes();
    void queries();
    void routesMatchTheDocument();
    void everyDocumentedRouteIsTyped();
    void errorTableMatchesTheDocument();
    void templateTextAsReceived();

private:
    std::unique_ptr<Document> m_doc;
};

void TestProtocol::initTestCase()
{
    m_doc = std::make_unique<Document>(YAML::LoadFile(PUENTE_SOURCE_DIR "/docs/openapi.yaml"));
    QVERIFY(m_doc->root()["paths"]);
}

void TestProtocol::codecRoundTrip()
{
    Message m;
    m.id = 7;
    m.conversationId = 3;
    m.direction = Direction::Outbound;
    m.type = QStringLiteral("image");
    m.status = MessageStatus::Delivered;
    m.media = MessageMedia{QStringLiteral("m1"), QStringLiteral("image/jpeg"), {}, qint64(2048), QStringLiteral("hola\nmundo"), {}, true};
    m.statusAt = 1700000000000;
    const QJsonObject j = toJson(m);
    QCOMPARE(j.value(QStringLiteral("direction")).toString(), QStringLiteral("outbound"));
    QCOMPARE(j.value(QStringLiteral("status")).toString(), QStringLiteral("delivered"));
    QCOMPARE(j.value(QStringLiteral("media")).toObject().value(QStringLiteral("size")).toInteger(), 2048);
    // Absent where marked, null where not.
    QVERIFY(!j.contains(QStringLiteral("error")));
    QVERIFY(!j.contains(QStringLiteral("reply_to")));
    const Message back = fromJson<Message>(j);
    QCOMPARE(back.id, 7);
    QCOMPARE(back.status, MessageStatus::Delivered);
    QVERIFY(back.media);
    QCOMPARE(back.media->caption, QStringLiteral("hola\nmundo"));
    QCOMPARE(*back.statusAt, 1700000000000);
    QVERIFY(!back.error);

    Tenant t;
    t.suspendedReason = std::nullopt;
    QVERIFY(toJson(t).value(QStringLiteral("suspended_reason")).isNull());
    QVERIFY(toJson(t).contains(QStringLiteral("suspended_reason")));

    ConversationPage page;
    page.items.append(Conversation{});
    page.items[0].assignedUserId = 4;
    const auto again = fromJson<ConversationPage>(toJson(page));
    QCOMPARE(again.items.size(), 1);
    QCOMPARE(*again.items[0].assignedUserId, 4);
    QVERIFY(!again.nextCursor);
}

// An answer from another version still reads: unknown keys are ignored,
// unknown enum words and mistyped values keep the default.
void TestProtocol::tolerantAnswers()
{
    const QJsonObject j{{QStringLiteral("id"), 5},
                        {QStringLiteral("status"), QStringLiteral("launched_in_2030")},
                        {QStringLiteral("name"), 42},
                        {QStringLiteral("something_new"), true}};
    const Conversation c = fromJson<Conversation>(j);
    QCOMPARE(c.id, 5);
    QCOMPARE(c.status, ConversationStatus::Active);
    QVERIFY(c.name.isEmpty());
}

void TestProtocol::strictRequests()
{
    auto problemOf = [](const QJsonObject &body) {
        const auto r = decodeRequest<CreateTenant>(body);
        return std::holds_alternative<ApiProblem>(r) ? std::get<ApiProblem>(r) : ApiProblem{};
    };
    const QJsonObject ok{{QStringLiteral("slug"), QStringLiteral("acme")}, {QStringLiteral("name"), QStringLiteral("Acme")}};
    const auto decoded = decodeRequest<CreateTenant>(ok);
    QVERIFY(std::holds_alternative<CreateTenant>(decoded));
    QCOMPARE(std::get<CreateTenant>(decoded).name, QStringLiteral("Acme"));
    QVERIFY(!std::get<CreateTenant>(decoded).admin);

    ApiProblem p = problemOf({{QStringLiteral("name"), QStringLiteral("Acme")}});
    QCOMPARE(p.code, ErrorCode::MissingField);
    QCOMPARE(p.field, QStringLiteral("slug"));
    p = problemOf({{QStringLiteral("slug"), 3}, {QStringLiteral("name"), QStringLiteral("Acme")}});
    QCOMPARE(p.code, ErrorCode::InvalidField);
    QCOMPARE(p.message, QStringLiteral("slug must be a string"));
    p = problemOf({{QStringLiteral("slug"), QStringLiteral("   ")}, {QStringLiteral("name"), QStringLiteral("Acme")}});
    QCOMPARE(p.code, ErrorCode::MissingField);
    p = problemOf({{QStringLiteral("slug"), QStringLiteral("acme")}, {QStringLiteral("name"), QStringLiteral("Ac\nme")}});
    QCOMPARE(p.code, ErrorCode::InvalidField);
    QCOMPARE(p.field, QStringLiteral("name"));
    p = problemOf({{QStringLiteral("slug"), QStringLiteral("acme")}, {QStringLiteral("name"), QString(201, QLatin1Char('a'))}});
    QCOMPARE(p.message, QStringLiteral("name is longer than 200 characters"));
    // Nested members are named with their path.
    p = problemOf({{QStringLiteral("slug"), QStringLiteral("acme")},
                   {QStringLiteral("name"), QStringLiteral("Acme")},
                   {QStringLiteral("admin"), QJsonObject{{QStringLiteral("email"), QStringLiteral("a@b.example")}}}});
    QCOMPARE(p.code, ErrorCode::MissingField);
    QCOMPARE(p.field, QStringLiteral("admin.name"));
    p = problemOf({{QStringLiteral("slug"), QStringLiteral("acme")}, {QStringLiteral("name"), QStringLiteral("Acme")}, {QStringLiteral("admin"), 1}});
    QCOMPARE(p.field, QStringLiteral("admin"));
    QCOMPARE(p.message, QStringLiteral("admin must be an object"));
    // Message text keeps its line breaks; names and reasons are one line; a
    // bidi override is refused.
    const auto text = decodeRequest<SendMessage>({{QStringLiteral("message"), QStringLiteral("hola\nqué tal")}});
    QCOMPARE(std::get<SendMessage>(text).message, QStringLiteral("hola\nqué tal"));
    const auto reason = decodeRequest<UpdateTenant>({{QStringLiteral("suspended_reason"), QStringLiteral("impago\nver factura")}});
    QCOMPARE(std::get<ApiProblem>(reason).field, QStringLiteral("suspended_reason"));
    const auto bidi = decodeRequest<UpdateTenant>({{QStringLiteral("suspended_reason"), QString(QChar(0x202e)) + QStringLiteral("x")}});
    QVERIFY(std::holds_alternative<ApiProblem>(bidi));
    // Absent and null differ for a tri-state member.
    const auto unassign = decodeRequest<UpdateConversation>({{QStringLiteral("assigned_user_id"), QJsonValue()}});
    QVERIFY(std::get<UpdateConversation>(unassign).assignedUserId.isNull());
    const auto keep = decodeRequest<UpdateConversation>({{QStringLiteral("status"), QStringLiteral("archived")}});
    QVERIFY(std::get<UpdateConversation>(keep).assignedUserId.isUndefined());
    // Whole numbers only.
    const auto frac = decodeRequest<SendMessage>({{QStringLiteral("reply_to"), 1.5}});
    QCOMPARE(std::get<ApiProblem>(frac).message, QStringLiteral("reply_to must be a whole number"));
}

void TestProtocol::errorCodes()
{
    QSet<QString> names;
    for (int i = 0; i < int(ErrorCode::Unknown); ++i) {
        const auto code = ErrorCode(i);
        const QString name = errorName(code);
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
        QVERIFY2(httpStatus(code) >= 400 && httpStatus(code) < 600, qPrintable(name));
        if (code == ErrorCode::TenantHeaderNeeded)
            continue; // shares its name with TenantRequired (400 vs 422)
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
        if (code != ErrorCode::GraphError)
            QCOMPARE(errorCodeFromName(name), code);
    }
    QCOMPARE(errorCodeFromName(QStringLiteral("graph_unauthorized")), ErrorCode::GraphError);
    QCOMPARE(errorCodeFromName(QStringLiteral("invented_later")), ErrorCode::Unknown);
    QCOMPARE(httpStatus(ErrorCode::WindowClosed), 422);
    QCOMPARE(defaultField(ErrorCode::InvalidAssignee), QStringLiteral("assigned_user_id"));

    const ApiProblem p{ErrorCode::InvalidEmail, {}, QStringLiteral("bad"), QStringLiteral("email")};
    const auto back = ApiProblem::fromJson(p.toJson());
    QVERIFY(back);
    QCOMPARE(back->code, ErrorCode::InvalidEmail);
    QCOMPARE(back->name, QStringLiteral("invalid_email"));
    QCOMPARE(back->field, QStringLiteral("email"));
    QVERIFY(!ApiProblem::fromJson(QJsonObject{{QStringLiteral("items"), QJsonArray()}}));
}

void TestProtocol::queries()
{
    ConversationQuery q;
    q.status = QStringLiteral("archived");
    q.limit = 20;
    QCOMPARE(toQuery(q).toString(), QStringLiteral("status=archived&limit=20"));
    DeadLetterQuery d;
    QVERIFY(toQuery(d).isEmpty());
    d.unroutable = true;
    QCOMPARE(toQuery(d).toString(), QStringLiteral("unroutable=true"));
    QCOMPARE(routePath<route::UpdateUser>({12}), QStringLiteral("/api/users/12"));
}

void TestProtocol::routesMatchTheDocument()
{
    Checker check;
    const YAML::Node paths = m_doc->root()["paths"];
    const YAML::Node sharedParameters = m_doc->root()["components"]["parameters"];
    const YAML::Node sharedResponses = m_doc->root()["components"]["responses"];
    std::apply(
        [&](auto... routes) {
            (([&] {
                 using R = decltype(routes);
                 const QString where = QStringLiteral("%1 %2").arg(enumName(R::verb), QLatin1String(R::path));
                 const YAML::Node op = at(paths, {R::path, lower(R::verb).toLatin1().constData()});
                 if (!op) {
                     check.fail(where, QStringLiteral("not in the document"));
                     return;
                 }
                 // Query parameters.
                 QStringList documented;
                 for (YAML::Node p : op["parameters"]) {
                     if (p["$ref"])
                         p.reset(sharedParameters[QString::fromStdString(p["$ref"].as<std::string>()).section(QLatin1Char('/'), -1).toStdString()]);
                     if (p["in"].as<std::string>() != "query")
                         continue;
                     const QString name = QString::fromStdString(p["name"].as<std::string>());
                     documented.append(name);
                     if constexpr (!std::is_same_v<typename R::Query, None>) {
                         const auto s = m_doc->resolve(p["schema"]);
                         check.queryParameter<typename R::Query>(*s, where + QStringLiteral(" ?") + name, name);
                     }
                 }
                 QStringList typed = fieldNames<typename R::Query>();
                 std::sort(documented.begin(), documented.end());
                 std::sort(typed.begin(), typed.end());
                 if (documented != typed)
                     check.fail(where, QStringLiteral("query [%1] in the document, [%2] in the code").arg(documented.join(QLatin1Char(',')), typed.join(QLatin1Char(','))));
                 // The request body.
                 const YAML::Node body = at(op, {"requestBody", "content", "application/json", "schema"});
                 if constexpr (std::is_same_v<typename R::Request, None>) {
                     if (body)
                         check.fail(where, QStringLiteral("the document takes a JSON body; the code sends none"));
                 } else {
                     if (!body)
                         check.fail(where, QStringLiteral("the code sends a JSON body; the document takes none"));
                     else
                         check.object<typename R::Request>(*m_doc->resolve(body), where + QStringLiteral(" body"), Side::Request);
                 }
                 // The answers.
                 if (!op["responses"][std::to_string(R::status)])
                     check.fail(where, QStringLiteral("answers %1 in the code, not in the document").arg(R::status));
                 for (const auto &kv : op["responses"]) {
                     const QString status = QString::fromStdString(kv.first.as<std::string>());
                     if (!status.startsWith(QLatin1Char('2')))
                         continue;
                     YAML::Node response = kv.second;
                     if (response["$ref"])
                         response.reset(sharedResponses[QString::fromStdString(response["$ref"].as<std::string>()).section(QLatin1Char('/'), -1).toStdString()]);
                     const YAML::Node schema = at(response, {"content", "application/json", "schema"});
                     if constexpr (std::is_same_v<typename R::Response, None>) {
                         if (schema)
                             check.fail(where, QStringLiteral("the document answers %1 with JSON; the code expects none").arg(status));
                     } else {
                         if (!schema)
                             check.fail(where, QStringLiteral("the document answers %1 without JSON").arg(status));
                         else
                             check.object<typename R::Response>(*m_doc->resolve(schema), where + QLatin1Char(' ') + status, Side::Answer);
                     }
                 }
             }()),
             ...);
        },
        AllRoutes{});
    for (const QString &p : std::as_const(check.problems))
        qWarning().noquote() << p;
    QVERIFY2(check.problems.isEmpty(), "the code and docs/openapi.yaml disagree (above)");
}

// The other way round: every documented /api route is typed, except those
// other components serve (webhook, WebSocket, the document itself).
void TestProtocol::everyDocumentedRouteIsTyped()
{
    QSet<QString> typed;
    std::apply([&](auto... routes) { (typed.insert(QStringLiteral("%1 %2").arg(enumName(decltype(routes)::verb), QLatin1String(decltype(routes)::path))), ...); },
               AllRoutes{});
    QCOMPARE(typed.size(), int(std::tuple_size_v<AllRoutes>));
    const QSet<QString> external = {QStringLiteral("GET /api/whatsapp/webhook"), QStringLiteral("POST /api/whatsapp/webhook"),
                                    QStringLiteral("GET /api/ws"), QStringLiteral("GET /api/openapi.yaml")};
    QStringList missing;
    for (const auto &pathAndOps : m_doc->root()["paths"]) {
        const QString path = QString::fromStdString(pathAndOps.first.as<std::string>());
        if (!path.startsWith(QLatin1String("/api/")))
            continue;
        for (const auto &opAndBody : pathAndOps.second) {
            const QString route = QString::fromStdString(opAndBody.first.as<std::string>()).toUpper() + QLatin1Char(' ') + path;
            if (!typed.contains(route) && !external.contains(route))
                missing.append(route);
        }
    }
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QLatin1Char('\n'))));
}

// The error table in the document's introduction lists each code with the
// status the server answers it with.
void TestProtocol::errorTableMatchesTheDocument()
{
    const QString intro = QString::fromStdString(m_doc->root()["info"]["description"].as<std::string>());
    QMultiHash<QString, int> documented;
    static const QRegularExpression row(QStringLiteral("^\\| ([0-9, ]+) \\| (.*?) \\|"), QRegularExpression::MultilineOption);
    static const QRegularExpression code(QStringLiteral("`([a-z_*<>]+)`"));
    for (auto m = row.globalMatch(intro); m.hasNext();) {
        const auto r = m.next();
        const QStringList statuses = r.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts);
        QStringList codes;
        QString cell = r.captured(2);
        cell.remove(QRegularExpression(QStringLiteral("\\([^)]*\\)"))); // "(field `plan`)" names a field, not a code
        for (auto c = code.globalMatch(cell); c.hasNext();)
            codes.append(c.next().captured(1));
        // "414, 431 | `uri_too_long`, `headers_too_large`": pairwise.
        for (int i = 0; i < codes.size(); ++i)
            documented.insert(codes[i], statuses.size() == codes.size() ? statuses[i].trimmed().toInt() : statuses[0].trimmed().toInt());
    }
    QVERIFY(documented.size() > 20);
    QStringList problems;
    for (int i = 0; i < int(ErrorCode::Unknown); ++i) {
        const auto c = ErrorCode(i);
        QString name = errorName(c);
        if (c == ErrorCode::GraphError)
            name = QStringLiteral("graph_<kind>");
        else if (!documented.contains(name) && name.startsWith(QLatin1String("invalid_")) && c != ErrorCode::InvalidParameter)
            name = QStringLiteral("invalid_*");
        if (c == ErrorCode::NotImplemented || c == ErrorCode::HttpVersionNotSupported || c == ErrorCode::ExpectationFailed
            || c == ErrorCode::UpgradeRequired || c == ErrorCode::InvalidSignature || c == ErrorCode::VerificationFailed
            || c == ErrorCode::PayloadTooLarge)
            continue; // the HTTP front's and the webhook's own answers, documented where they happen
        if (!documented.values(name).contains(httpStatus(c)))
            problems.append(QStringLiteral("%1 (%2) is not in the document's error table with that status").arg(errorName(c)).arg(httpStatus(c)));
    }
    for (auto it = documented.cbegin(); it != documented.cend(); ++it) {
        if (it.key() == QLatin1String("invalid_*") || it.key() == QLatin1String("graph_<kind>") || it.key().startsWith(QLatin1String("graph_")))
            continue;
        const ErrorCode c = errorCodeFromName(it.key());
        if (c == ErrorCode::Unknown)
            problems.append(QStringLiteral("%1 is documented but the code does not know it").arg(it.key()));
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
}

void TestProtocol::templateTextAsReceived()
{
    // A template as Meta lists it: text header, body with positional
    // placeholders (one used twice), footer, two quick replies.
    const QJsonArray positional = QJsonDocument::fromJson(R"json([
        {"type":"HEADER","format":"TEXT","text":"Entrevista {{1}}"},
        {"type":"BODY","text":"Hola {{1}}, tu entrevista es el {{2}}. {{1}}, confirma por favor."},
        {"type":"FOOTER","text":"Reclutamiento Demo"},
        {"type":"BUTTONS","buttons":[{"type":"QUICK_REPLY","text":"Confirmo"},{"type":"QUICK_REPLY","text":"Necesito cambiarla"}]}
    ])json").array();
    const QJsonArray send = QJsonDocument::fromJson(R"json([
        {"type":"header","parameters":[{"type":"text","text":"confirmada"}]},
        {"type":"body","parameters":[{"type":"text","text":"Ana"},
                                     {"type":"date_time","date_time":{"fallback_value":"jueves 10 de diciembre, 10:00"}}]}
    ])json").array();
    QCOMPARE(puente::protocol::templatetext::received(positional, send),
             QStringLiteral("Entrevista confirmada\n\nHola Ana, tu entrevista es el jueves 10 de diciembre, 10:00. Ana, confirma por "
                            "favor.\n\nReclutamiento Demo\n\n[Confirmo]\n[Necesito cambiarla]"));

    // Named placeholders, a media header (left out), a value holding braces
    // kept as given, and a placeholder the send leaves unfilled.
    const QJsonArray named = QJsonDocument::fromJson(R"json([
        {"type":"HEADER","format":"IMAGE"},
        {"type":"BODY","text":"{{nombre}}: tu código es {{codigo}} ({{extra}})"}
    ])json").array();
    const QJsonArray namedSend = QJsonDocument::fromJson(R"json([
        {"type":"header","parameters":[{"type":"image","image":{"id":"123"}}]},
        {"type":"body","parameters":[{"type":"text","parameter_name":"codigo","text":"{{2}}"},
                                     {"type":"text","parameter_name":"nombre","text":"Luis"}]}
    ])json").array();
    QCOMPARE(puente::protocol::templatetext::received(named, namedSend), QStringLiteral("Luis: tu código es {{2}} ({{extra}})"));
    // No parameters at all: the body as it is.
    QCOMPARE(puente::protocol::templatetext::received(QJsonDocument::fromJson(R"json([{"type":"BODY","text":"Gracias por postularte."}])json").array(), {}),
             QStringLiteral("Gracias por postularte."));
}

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
