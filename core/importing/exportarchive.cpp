#include "importing/exportarchive.h"

#include "importing/chatexport.h"

#include <QFileInfo>

#include <zip.h>

namespace puente::chatexport {

bool ExportArchive::looksLikeZip(QIODevice *device)
{
    const QByteArray head = device->peek(4);
    return head == QByteArray("PK\x03\x04", 4) || head == QByteArray("PK\x05\x06", 4);
}

ExportArchive::~ExportArchive()
{
    if (m_zip)
        zip_discard(m_zip);
}

namespace {
bool unsafePath(const QString &name)
{
    if (name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')) || (name.size() > 1 && name.at(1) == QLatin1Char(':')))
        return true;
    const QStringList parts = name.split(QLatin1Char('/'));
    return parts.contains(QStringLiteral(".."));
}
} // namespace

Result<std::unique_ptr<ExportArchive>> ExportArchive::open(const QString &path)
{
    int error = 0;
    zip *z = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY, &error);
    if (!z) {
        zip_error_t e;
        zip_error_init_with_code(&e, error);
        const QString why = QString::fromUtf8(zip_error_strerror(&e));
        zip_error_fini(&e);
        return makeError("zip_unreadable", QStringLiteral("the file is not a readable zip (%1)").arg(why));
    }
    std::unique_ptr<ExportArchive> archive(new ExportArchive);
    archive->m_zip = z;
    const zip_int64_t count = zip_get_num_entries(z, 0);
    if (count > kMaxEntries)
        return makeError("zip_too_large", QStringLiteral("the zip holds %1 files; a chat export holds at most %2").arg(count).arg(kMaxEntries));
    qint64 total = 0;
    QList<std::pair<QString, qint64>> texts;
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(z, zip_uint64_t(i), 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
            return makeError("zip_unreadable", QStringLiteral("entry %1 of the zip cannot be read").arg(i + 1));
        const QString name = QString::fromUtf8(st.name);
        if (unsafePath(name))
            return makeError("zip_unsafe_path", QStringLiteral("the zip holds a path outside its folder (\"%1\"): WhatsApp never writes one, "
                                                               "so it was not imported").arg(name.left(200)));
        if (name.endsWith(QLatin1Char('/')))
            continue;
        const qint64 size = (st.valid & ZIP_STAT_SIZE) ? qint64(st.size) : 0;
        const qint64 packed = (st.valid & ZIP_STAT_COMP_SIZE) ? qint64(st.comp_size) : 0;
        if (size > (qint64(10) << 20) && size > kBombRatio * qMax<qint64>(packed, 1))
            return makeError("zip_bomb", QStringLiteral("\"%1\" unpacks to %2 MB from %3 KB: a ratio no chat export has, so the zip was refused")
                                             .arg(name.left(200)).arg(size >> 20).arg(packed >> 10));
        total += size;
        if (total > kMaxTotalBytes)
            return makeError("zip_too_large", QStringLiteral("the zip unpacks to more than %1 GB").arg(kMaxTotalBytes >> 30));
        const QString base = QFileInfo(name).fileName();
        if (base.startsWith(QLatin1Char('.')) || name.startsWith(QLatin1String("__MACOSX/")))
            continue;
        if (base.endsWith(QLatin1String(".txt"), Qt::CaseInsensitive))
            texts.append({name, i});
        archive->m_entries.insert(base, i);
    }
    // iOS names the chat "_chat.txt"; Android "WhatsApp Chat with ….txt"
    // or "Chat de WhatsApp con ….txt"; a document sent in the chat may be
    // a .txt too.
    auto score = [](const QString &name) {
        const QString base = QFileInfo(name).fileName();
        if (base == QLatin1String("_chat.txt"))
            return 3;
        if (base.startsWith(QLatin1String("WhatsApp Chat"), Qt::CaseInsensitive) || base.startsWith(QLatin1String("Chat de WhatsApp"), Qt::CaseInsensitive))
            return 2;
        return name.contains(QLatin1Char('/')) ? 0 : 1;
    };
    int best = -1;
    for (const auto &[name, index] : texts) {
        if (score(name) > best) {
            best = score(name);
            archive->m_chatName = name;
            archive->m_chatIndex = index;
        }
    }
    if (archive->m_chatIndex < 0)
        return makeError("not_a_chat_export", QStringLiteral("the zip holds no chat (.txt file): export the chat again from WhatsApp"));
    return archive;
}

Result<qint64> ExportArchive::copy(qint64 index, QIODevice *out, qint64 cap) const
{
    zip_file_t *f = zip_fopen_index(m_zip, zip_uint64_t(index), 0);
    if (!f)
        return makeError("zip_unreadable", QStringLiteral("cannot open \"%1\" in the zip: %2")
                                               .arg(QString::fromUtf8(zip_get_name(m_zip, zip_uint64_t(index), 0)),
                                                    QString::fromUtf8(zip_strerror(m_zip))));
    QByteArray buffer(256 * 1024, Qt::Uninitialized);
    qint64 total = 0;
    while (true) {
        const zip_int64_t n = zip_fread(f, buffer.data(), zip_uint64_t(buffer.size()));
        if (n < 0) {
            const QString why = QString::fromUtf8(zip_file_strerror(f));
            zip_fclose(f);
            return makeError("zip_unreadable", QStringLiteral("the zip is damaged: %1").arg(why));
        }
        if (n == 0)
            break;
        total += n;
        if (total > cap) {
            zip_fclose(f);
            return makeError("too_large", QStringLiteral("it unpacks to more than %1 MB").arg(cap >> 20));
        }
        if (out->write(buffer.constData(), n) != n) {
            zip_fclose(f);
            return makeError("storage_error", QStringLiteral("cannot write the unpacked file: %1").arg(out->errorString()));
        }
    }
    zip_fclose(f);
    return total;
}

Status ExportArchive::extractChat(QIODevice *out) const
{
    auto copied = copy(m_chatIndex, out, kMaxChatBytes);
    if (!copied)
        return copied.error();
    return {};
}

Result<qint64> ExportArchive::extract(const QString &attachment, QIODevice *out) const
{
    const auto it = m_entries.constFind(attachment);
    if (it == m_entries.cend())
        return makeError("not_found", QStringLiteral("\"%1\" is not in the zip").arg(attachment));
    return copy(*it, out, kMaxAttachmentBytes);
}

Result<std::unique_ptr<OpenedExport>> OpenedExport::open(const QString &path)
{
    std::unique_ptr<OpenedExport> e(new OpenedExport);
    e->m_file.setFileName(path);
    if (!e->m_file.open(QIODevice::ReadOnly))
        return makeError("storage_error", QStringLiteral("cannot read %1: %2").arg(QFileInfo(path).fileName(), e->m_file.errorString()));
    e->m_text = &e->m_file;
    if (ExportArchive::looksLikeZip(&e->m_file)) {
        auto opened = ExportArchive::open(path);
        if (!opened)
            return opened.error();
        e->m_archive = std::move(opened.value());
        if (!e->m_unpacked.open())
            return makeError("storage_error", QStringLiteral("cannot make a temporary file: %1").arg(e->m_unpacked.errorString()));
        if (auto s = e->m_archive->extractChat(&e->m_unpacked); !s)
            return s.error();
        e->m_unpacked.seek(0);
        e->m_text = &e->m_unpacked;
    }
    if (!e->m_converted.open())
        return makeError("storage_error", QStringLiteral("cannot make a temporary file: %1").arg(e->m_converted.errorString()));
    auto utf16 = toUtf8File(e->m_text, &e->m_converted);
    if (!utf16)
        return utf16.error();
    if (utf16.value()) {
        e->m_converted.seek(0);
        e->m_text = &e->m_converted;
        e->m_utf16 = true;
    }
    return e;
}

} // namespace puente::chatexport
