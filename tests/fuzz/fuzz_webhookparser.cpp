// libFuzzer target for the webhook parser: any bytes in, no crash, no leak,
// no undefined behaviour, and a parse result that is either usable or says why.
#include "meta/webhookparser.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    const puente::meta::ParsedWebhook parsed = puente::meta::parseWebhook(body);
    if (!parsed.ok && parsed.error.isEmpty())
        std::abort(); // a failure must say why
    for (const auto &change : parsed.changes)
        for (const auto &message : change.messages)
            (void)puente::meta::contactFor(change, message);
    return 0;
}
