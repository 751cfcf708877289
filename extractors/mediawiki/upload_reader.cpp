// A file page's <upload>: its metadata, and its embedded base64 <contents> decoded into the file store as read.
#include "extractors/mediawiki/upload_reader.hpp"

#include "core/text.hpp"


namespace baton::extract::mediawiki {
namespace {

UploadContents read_contents(XmlStream& stream, UploadDecoder& decoder) {
    const std::string encoding = stream.attribute("encoding");
    if (!encoding.empty() && encoding != "base64") {
        UploadContents contents;
        contents.present = true;
        contents.line = stream.line();
        if (decoder.store() != nullptr) contents.problem = "the contents use the encoding \"" + encoding + "\", not base64";
        stream.read_text([](std::string_view) {});
        return contents;
    }
    // The parser hands the text out chunk by chunk; each piece is decoded and written as it comes.
    decoder.begin(stream.line());
    stream.read_text([&](std::string_view piece) { decoder.text(piece); });
    return decoder.end();
}

}  // namespace

UploadDecoder::UploadDecoder(const std::string& files_folder) {
    if (!files_folder.empty()) m_store.emplace(files_folder);
}

void UploadDecoder::begin(std::int64_t line) {
    m_current = {};
    m_current.present = true;
    m_current.line = line;
    m_decoder = {};
    m_good = true;
    m_writer.reset();
    if (!m_store) return;
    try {
        m_writer = std::make_unique<FileStore::Writer>(*m_store);
    } catch (const std::exception& error) {
        m_current.problem = error.what();
        m_good = false;
    }
}

void UploadDecoder::text(std::string_view piece) {
    if (!m_good || !m_writer) return;
    try {
        m_bytes.clear();
        m_good = m_decoder.feed(piece, m_bytes);
        if (m_good) m_writer->write(m_bytes);
    } catch (const std::exception& error) {
        m_current.problem = error.what();
        m_good = false;
    }
}

UploadContents UploadDecoder::end() {
    try {
        if (m_good && m_writer) {
            m_bytes.clear();
            m_good = m_decoder.finish(m_bytes);
            if (m_good) {
                m_writer->write(m_bytes);
                m_current.stored = m_writer->finish();
            }
        }
        if (m_writer && m_current.problem.empty() && !m_decoder.problem().empty()) {
            m_current.problem = "the embedded contents are not valid base64: " + m_decoder.problem();
            m_current.line += static_cast<std::int64_t>(m_decoder.line_breaks_read());
        }
    } catch (const std::exception& error) {
        m_current.problem = error.what();
        m_current.stored.reset();
    }
    m_writer.reset();  // an unfinished file is removed
    return std::move(m_current);
}

UploadContents read_upload(XmlStream& stream, XmlStream::Classifier classify, UploadDecoder& decoder,
                           XmlElement& metadata) {
    metadata.name = stream.element_name(classify);
    metadata.line = stream.line();
    metadata.text.clear();
    std::size_t used = 0;
    UploadContents contents;
    if (stream.is_empty_element()) {
        metadata.children.clear();
        return contents;
    }
    const int upload_depth = stream.depth();
    while (stream.next()) {
        if (stream.node() == XmlStream::Node::end_element && stream.depth() == upload_depth) {
            metadata.children.resize(used);
            return contents;
        }
        if (stream.node() != XmlStream::Node::element || stream.depth() != upload_depth + 1) continue;
        const std::string_view name = stream.element_name(classify);
        if (name == "contents") {
            contents = read_contents(stream, decoder);
            continue;
        }
        if (name.empty()) {
            (void)stream.read_element(classify);  // another namespace: read past
            continue;
        }
        XmlElement& child = used < metadata.children.size() ? metadata.children[used] : metadata.children.emplace_back();
        ++used;
        stream.read_element(classify, child);
    }
    throw InputError(ExitCode::truncated_input, {stream.path(), stream.line(), 0}, "the file ends inside <upload>");
}

void add_file_attributes(model::Item& upload, const UploadContents& contents) {
    if (contents.stored) {
        upload.attributes.emplace_back("file_path", contents.stored->path);
        upload.attributes.emplace_back("file_size", std::to_string(contents.stored->size));
        upload.attributes.emplace_back("file_sha1", contents.stored->sha1);
    } else if (!contents.problem.empty()) {
        upload.attributes.emplace_back("file_error", contents.problem);
    } else if (contents.present) {
        upload.attributes.emplace_back("contents_not_kept", "1");  // counted, not silently dropped
    }
}

std::vector<model::Message> upload_messages(const model::Item& upload, const UploadContents& contents,
                                            const std::string& dump_path) {
    std::vector<model::Message> messages;
    const auto add = [&](model::Severity severity, const char* code, std::string text) {
        model::Message message;
        message.severity = severity;
        message.code = code;
        message.text = std::move(text);
        message.position = {dump_path, contents.line, 0};
        message.item_key = upload.key;
        messages.push_back(std::move(message));
    };
    if (!contents.problem.empty()) {
        add(model::Severity::error, "mediawiki.upload-contents-unreadable",
            "the file contents embedded for " + upload.title + " are not kept: " + contents.problem +
                "; the upload's metadata is");
    } else if (contents.present && !contents.stored) {
        add(model::Severity::warning, "mediawiki.upload-contents-not-kept",
            "the file contents embedded for " + upload.title + " are not kept (no folder for files was given); "
            "the metadata is");
    }
    if (contents.stored) {
        std::string declared;
        for (const auto& [name, value] : upload.attributes) {
            if (name == "sha1base36") declared = value;
        }
        if (!declared.empty() && declared != sha1_hex_to_base36(contents.stored->sha1)) {
            add(model::Severity::warning, "mediawiki.upload-sha1-mismatch",
                "the file contents embedded for " + upload.title + " do not match the dump's sha1base36 " + declared +
                    " (they hash to " + sha1_hex_to_base36(contents.stored->sha1) + "); they are kept as they are");
        }
    }
    return messages;
}

}  // namespace baton::extract::mediawiki
