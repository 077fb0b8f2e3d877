// The Sandbox's scripted world: who writes in, what they say, the sample CV
// image they send, and the WABA's template catalogue.
#include "sandbox/sandbox.h"

#include <QJsonObject>
#include <QRandomGenerator>
#include <QtEndian>
#include <array>

namespace puente::sandbox::sandboxscript {

namespace {

QString pick(const QStringList &list)
{
    return list.at(int(QRandomGenerator::global()->bounded(quint32(list.size()))));
}

QString digits(int count)
{
    QString out;
    for (int i = 0; i < count; ++i)
        out += QLatin1Char(char('0' + QRandomGenerator::global()->bounded(10)));
    return out;
}

// PNG chunk CRC (ISO 3309 / ITU-T V.42, as the PNG specification asks).
quint32 crc32(const QByteArray &data)
{
    static const std::array<quint32, 256> table = [] {
        std::array<quint32, 256> t{};
        for (quint32 n = 0; n < 256; ++n) {
            quint32 c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    quint32 c = 0xFFFFFFFFu;
    for (const char byte : data)
        c = table[(c ^ quint8(byte)) & 0xFF] ^ (c >> 8);
    return c ^ 0xFFFFFFFFu;
}

QByteArray be32(quint32 v)
{
    QByteArray out(4, Qt::Uninitialized);
    qToBigEndian(v, out.data());
    return out;
}

QByteArray chunk(const char *type, const QByteArray &data)
{
    const QByteArray typed = QByteArray(type) + data;
    return be32(quint32(data.size())) + typed + be32(crc32(typed));
}

QJsonObject body(const QString &text, const QJsonArray &example)
{
    return {{QStringLiteral("type"), QStringLiteral("BODY")},
            {QStringLiteral("text"), text},
            // QJsonArray{example} would copy the array: body_text is a list of lists.
            {QStringLiteral("example"), QJsonObject{{QStringLiteral("body_text"), QJsonArray{QJsonValue(example)}}}}};
}

QJsonObject header(const QString &text, const QString &example = {})
{
    QJsonObject h{{QStringLiteral("type"), QStringLiteral("HEADER")},
                  {QStringLiteral("format"), QStringLiteral("TEXT")},
                  {QStringLiteral("text"), text}};
    if (!example.isEmpty())
        h.insert(QStringLiteral("example"), QJsonObject{{QStringLiteral("header_text"), QJsonArray{example}}});
    return h;
}

QJsonObject footer(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("FOOTER")}, {QStringLiteral("text"), text}};
}

QJsonObject buttons(const QJsonArray &list)
{
    return {{QStringLiteral("type"), QStringLiteral("BUTTONS")}, {QStringLiteral("buttons"), list}};
}

QJsonObject quickReply(const QString &text)
{
    return {{QStringLiteral("type"), QStringLiteral("QUICK_REPLY")}, {QStringLiteral("text"), text}};
}

QJsonObject tpl(const char *id, const char *name, const char *language, const char *category, const char *status,
                const char *rejectedReason, const char *quality, const QJsonArray &components)
{
    return {{QStringLiteral("id"), QLatin1String(id)},
            {QStringLiteral("name"), QLatin1String(name)},
            {QStringLiteral("language"), QLatin1String(language)},
            {QStringLiteral("category"), QLatin1String(category)},
            {QStringLiteral("status"), QLatin1String(status)},
            {QStringLiteral("rejected_reason"), QLatin1String(rejectedReason)},
            {QStringLiteral("quality_score"), QJsonObject{{QStringLiteral("score"), QLatin1String(quality)}}},
            {QStringLiteral("parameter_format"), QStringLiteral("POSITIONAL")},
            {QStringLiteral("components"), components}};
}

} // namespace

const QList<Dialogue> &dialogues()
{
    static const QList<Dialogue> list = {
        {QStringLiteral("Hola, vi la vacante de auxiliar de almacén, ¿sigue disponible?"),
         {QStringLiteral("Sí, tengo disponibilidad inmediata, de lunes a sábado y en cualquier turno."),
          QStringLiteral("Trabajé dos años en un centro de distribución: recepción de mercancía, inventarios y surtido de pedidos."),
          QStringLiteral("Perfecto, el jueves a las 10:00 me queda bien para la entrevista."),
          QStringLiteral("¡Muchas gracias! Ahí estaré puntual.")}},
        {QStringLiteral("Buenas tardes, me interesa el puesto de repartidor. ¿Qué requisitos piden?"),
         {QStringLiteral("Tengo moto propia y licencia vigente; puedo empezar la próxima semana."),
          QStringLiteral("Llevo un año repartiendo para una app de comida y antes fui mensajero en una farmacia."),
          QStringLiteral("Sí, el lunes a las 9 de la mañana puedo ir a la entrevista."),
          QStringLiteral("Gracias por la oportunidad, nos vemos el lunes.")}},
        {QStringLiteral("¡Hola! Quisiera postularme para cajera en la tienda del centro 😊"),
         {QStringLiteral("Puedo trabajar en el turno de la tarde y los fines de semana."),
          QStringLiteral("Fui cajera tres años en un supermercado; manejo terminal punto de venta y cortes de caja."),
          QStringLiteral("Confirmo la entrevista del miércoles a las 4 de la tarde."),
          QStringLiteral("Muchas gracias, que tenga buen día.")}},
        {QStringLiteral("Buen día, ¿todavía buscan ayudante de cocina? Tengo experiencia."),
         {QStringLiteral("Tengo disponibilidad de tiempo completo, incluso en las noches."),
          QStringLiteral(
              "Estuve dos años en un restaurante de mariscos, en preparación y limpieza; tengo mi carnet de manipulación de alimentos."),
          QStringLiteral("Sí, mañana a las 11:30 está perfecto."), QStringLiteral("Gracias, allá nos vemos.")}},
        {QStringLiteral("Hola, buenas noches. Me pasaron este número por la vacante de operario de producción."),
         {QStringLiteral("Puedo rolar turnos, vivo cerca de la zona industrial."),
          QStringLiteral("Trabajé año y medio en una maquiladora, en línea de ensamble y control de calidad."),
          QStringLiteral("El viernes a las 8:00 me acomoda, ahí estaré."), QStringLiteral("Muchas gracias por tomarme en cuenta 🙏")}},
    };
    return list;
}

Person randomPerson()
{
    static const QStringList first
        = {QStringLiteral("María José"), QStringLiteral("Juan Carlos"), QStringLiteral("Ana Sofía"), QStringLiteral("Luis Fernando"),
           QStringLiteral("Valentina"),  QStringLiteral("Diego"),       QStringLiteral("Camila"),    QStringLiteral("Andrés"),
           QStringLiteral("Guadalupe"),  QStringLiteral("Alejandro"),   QStringLiteral("Daniela"),   QStringLiteral("José Luis"),
           QStringLiteral("Lucía"),      QStringLiteral("Santiago"),    QStringLiteral("Fernanda"),  QStringLiteral("Miguel Ángel"),
           QStringLiteral("Paola"),      QStringLiteral("Ximena"),      QStringLiteral("Sergio"),    QStringLiteral("Nuria")};
    static const QStringList last
        = {QStringLiteral("García"),    QStringLiteral("Hernández"), QStringLiteral("López"),   QStringLiteral("Martínez"),
           QStringLiteral("Rodríguez"), QStringLiteral("Pérez"),     QStringLiteral("Gómez"),   QStringLiteral("Sánchez"),
           QStringLiteral("Ramírez"),   QStringLiteral("Torres"),    QStringLiteral("Flores"),  QStringLiteral("Castillo"),
           QStringLiteral("Morales"),   QStringLiteral("Vargas"),    QStringLiteral("Jiménez"), QStringLiteral("Ruiz"),
           QStringLiteral("Ortega"),    QStringLiteral("Muñoz")};
    Person p;
    p.name = pick(first) + QLatin1Char(' ') + pick(last);
    switch (QRandomGenerator::global()->bounded(3)) {
    case 0: // Spain: 6xx xxx xxx
        p.waId = QStringLiteral("346") + digits(8);
        break;
    case 1: // Mexico: WhatsApp ids keep the mobile "1" after 52
        p.waId = QStringLiteral("521") + pick({QStringLiteral("55"), QStringLiteral("33"), QStringLiteral("81")}) + digits(8);
        break;
    default: // Colombia: 3xx xxx xxxx
        p.waId = QStringLiteral("573") + digits(9);
        break;
    }
    return p;
}

QByteArray cvImagePng()
{
    constexpr int width = 96;
    constexpr int height = 128;
    QByteArray raw;
    raw.reserve(height * (1 + width * 3));
    auto inRect = [](int x, int y, int x0, int y0, int x1, int y1) { return x >= x0 && x < x1 && y >= y0 && y < y1; };
    for (int y = 0; y < height; ++y) {
        raw += char(0); // filter: none
        for (int x = 0; x < width; ++x) {
            quint8 r = 0xFF, g = 0xFF, b = 0xFF;
            if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                r = g = b = 0xC8; // page edge
            } else if (inRect(x, y, 8, 8, 28, 34)) {
                r = 0x5B, g = 0x8D, b = 0xD9; // photo
            } else if (inRect(x, y, 34, 10, 86, 15)) {
                r = g = b = 0x30; // name
            } else if (inRect(x, y, 34, 20, 72, 23)) {
                r = g = b = 0x70; // title
            } else if (y >= 44 && y < 120 && (y - 44) % 8 < 2) {
                const int line = (y - 44) / 8;
                if (x >= 8 && x < 88 - (line * 13) % 30)
                    r = g = b = 0x9E; // text lines
            }
            raw += char(r);
            raw += char(g);
            raw += char(b);
        }
    }
    QByteArray ihdr = be32(width) + be32(height);
    ihdr += char(8); // bit depth
    ihdr += char(2); // colour type: RGB
    ihdr += char(0); // compression
    ihdr += char(0); // filter method
    ihdr += char(0); // no interlace
    // qCompress is a zlib stream behind a 4-byte length: PNG wants the stream.
    const QByteArray idat = qCompress(raw, 9).mid(4);
    return QByteArrayLiteral("\x89PNG\r\n\x1a\n") + chunk("IHDR", ihdr) + chunk("IDAT", idat) + chunk("IEND", {});
}

const QJsonArray &templates()
{
    static const QJsonArray list = {
        tpl("1192345678901201", "hello_world", "en_US", "UTILITY", "APPROVED", "NONE", "GREEN",
            {header(QStringLiteral("Hello World")),
             QJsonObject{
                 {QStringLiteral("type"), QStringLiteral("BODY")},
                 {QStringLiteral("text"),
                  QStringLiteral("Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message "
                                 "notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.")}},
             footer(QStringLiteral("WhatsApp Business Platform sample message"))}),
        tpl("1192345678901202", "vacante_disponible", "es_MX", "MARKETING", "APPROVED", "NONE", "GREEN",
            {header(QStringLiteral("Nueva vacante: {{1}}"), QStringLiteral("Auxiliar de almacén")),
             body(QStringLiteral(
                      "Hola {{1}}, tenemos una vacante de {{2}} en {{3}} con sueldo de {{4}} al mes. ¿Te interesa que te contemos más?"),
                  {QStringLiteral("Laura"), QStringLiteral("auxiliar de almacén"), QStringLiteral("Tlalnepantla"),
                   QStringLiteral("$11,500")}),
             footer(QStringLiteral("Responde BAJA si no quieres recibir vacantes")),
             buttons({quickReply(QStringLiteral("Me interesa")), quickReply(QStringLiteral("No, gracias"))})}),
        tpl("1192345678901203", "confirmacion_entrevista", "es", "UTILITY", "APPROVED", "NONE", "GREEN",
            {header(QStringLiteral("Entrevista confirmada")),
             body(QStringLiteral("Hola {{1}}, tu entrevista para el puesto de {{2}} quedó confirmada para el {{3}}. Recuerda traer una "
                                 "identificación oficial."),
                  {QStringLiteral("Jorge"), QStringLiteral("repartidor"), QStringLiteral("lunes 14 a las 9:00")}),
             buttons({quickReply(QStringLiteral("Confirmo")), quickReply(QStringLiteral("Reprogramar"))})}),
        tpl("1192345678901204", "recordatorio_entrevista", "es_MX", "UTILITY", "APPROVED", "NONE", "GREEN",
            {body(
                QStringLiteral(
                    "Hola {{1}}, te recordamos tu entrevista mañana a las {{2}} en {{3}}. Si no puedes asistir, responde a este mensaje."),
                {QStringLiteral("Camila"), QStringLiteral("10:00"), QStringLiteral("Av. Insurgentes Sur 1234")})}),
        tpl("1192345678901205", "solicitud_documentos", "es", "UTILITY", "APPROVED", "NONE", "YELLOW",
            {body(QStringLiteral("{{1}}, para continuar con tu proceso necesitamos: {{2}}. Puedes enviarlos por este chat."),
                  {QStringLiteral("Andrés"), QStringLiteral("DNI, número de la Seguridad Social y cuenta bancaria")})}),
        tpl("1192345678901206", "seguimiento_postulacion", "es", "UTILITY", "APPROVED", "NONE", "GREEN",
            {body(QStringLiteral("Hola {{1}}, seguimos revisando tu postulación a {{2}}. Te escribiremos en cuanto tengamos novedades."),
                  {QStringLiteral("Valentina"), QStringLiteral("cajera")})}),
        tpl("1192345678901207", "oferta_laboral", "es_MX", "UTILITY", "APPROVED", "NONE", "UNKNOWN",
            {header(QStringLiteral("¡Felicidades!")),
             body(QStringLiteral("{{1}}, nos da gusto ofrecerte el puesto de {{2}} con inicio el {{3}}. Revisa los detalles y responde "
                                 "ACEPTO para confirmar."),
                  {QStringLiteral("Diego"), QStringLiteral("operario de producción"), QStringLiteral("1 de septiembre")}),
             buttons({QJsonObject{{QStringLiteral("type"), QStringLiteral("URL")},
                                  {QStringLiteral("text"), QStringLiteral("Ver oferta")},
                                  {QStringLiteral("url"), QStringLiteral("https://empleos.example.com/oferta/{{1}}")},
                                  {QStringLiteral("example"), QJsonArray{QStringLiteral("https://empleos.example.com/oferta/8841")}}}})}),
        tpl("1192345678901208", "bienvenida_primer_dia", "es", "UTILITY", "PENDING", "NONE", "UNKNOWN",
            {body(QStringLiteral("¡Te damos la bienvenida, {{1}}! Tu primer día es el {{2}} a las {{3}}. Pregunta por {{4}} en recepción."),
                  {QStringLiteral("Lucía"), QStringLiteral("lunes 3"), QStringLiteral("8:00"), QStringLiteral("Marta")})}),
        tpl("1192345678901209", "feria_empleo", "es_MX", "MARKETING", "APPROVED", "NONE", "GREEN",
            {header(QStringLiteral("Feria de empleo {{1}}"), QStringLiteral("Monterrey")),
             body(QStringLiteral("Hola {{1}}, este {{2}} tendremos más de {{3}} vacantes en nuestra feria de empleo. ¡Trae tu CV!"),
                  {QStringLiteral("Santiago"), QStringLiteral("sábado"), QStringLiteral("40")}),
             buttons({QJsonObject{{QStringLiteral("type"), QStringLiteral("PHONE_NUMBER")},
                                  {QStringLiteral("text"), QStringLiteral("Llamar")},
                                  {QStringLiteral("phone_number"), QStringLiteral("+528112345678")}},
                      quickReply(QStringLiteral("Quiero ir"))})}),
        tpl("1192345678901210", "promo_referidos", "es", "MARKETING", "REJECTED", "INVALID_FORMAT", "UNKNOWN",
            {body(QStringLiteral("¡Gana un bono por cada amigo que contratemos! Comparte tu enlace: {{1}}"),
                  {QStringLiteral("https://empleos.example.com/r/ab12")})}),
        tpl("1192345678901211", "job_interview_reminder", "en_US", "UTILITY", "APPROVED", "NONE", "GREEN",
            {body(QStringLiteral("Hi {{1}}, this is a reminder of your interview for the {{2}} position on {{3}}."),
                  {QStringLiteral("Sam"), QStringLiteral("warehouse associate"), QStringLiteral("Thursday at 10 AM")})}),
        tpl("1192345678901212", "vacante_cerrada", "es", "UTILITY", "APPROVED", "NONE", "GREEN",
            {body(QStringLiteral("Hola {{1}}, la vacante de {{2}} ya fue cubierta. Guardaremos tus datos para futuras oportunidades."),
                  {QStringLiteral("Paola"), QStringLiteral("ayudante de cocina")})}),
        tpl("1192345678901213", "encuesta_proceso", "es_MX", "MARKETING", "REJECTED", "INCORRECT_CATEGORY", "UNKNOWN",
            {body(QStringLiteral("{{1}}, ¿cómo calificarías tu experiencia en nuestro proceso de selección?"),
                  {QStringLiteral("Fernanda")}),
             buttons(
                 {quickReply(QStringLiteral("Excelente")), quickReply(QStringLiteral("Regular")), quickReply(QStringLiteral("Mala"))})}),
    };
    return list;
}

} // namespace puente::sandbox::sandboxscript
