// A compact byte encoding of model objects, so batches cross threads as one buffer, not many allocations.
#include "model/model_codec.hpp"

#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace baton::model {
namespace {

enum class Tag : char { person = 'P', container = 'C', item = 'I', message = 'M', revision_text = 'T' };

void put_size(std::string& out, std::uint64_t value) {
    // LEB128: most lengths fit one byte.
    do {
        auto byte = static_cast<unsigned char>(value & 0x7fU);
        value >>= 7U;
        if (value != 0) byte |= 0x80U;
        out.push_back(static_cast<char>(byte));
    } while (value != 0);
}

void put(std::string& out, std::string_view text) {
    put_size(out, text.size());
    out.append(text);
}

void put(std::string& out, std::int64_t value) { put_size(out, static_cast<std::uint64_t>(value)); }

void put(std::string& out, const Attributes& attributes) {
    put_size(out, attributes.size());
    for (const auto& [name, value] : attributes) {
        put(out, name);
        put(out, value);
    }
}

class Reader {
public:
    explicit Reader(std::string_view buffer) : m_data(buffer) {}
    [[nodiscard]] bool done() const { return m_at >= m_data.size(); }

    char tag() { return byte(); }

    std::uint64_t size() {
        std::uint64_t value = 0;
        for (unsigned shift = 0;; shift += 7) {
            const auto current = static_cast<unsigned char>(byte());
            value |= static_cast<std::uint64_t>(current & 0x7fU) << shift;
            if ((current & 0x80U) == 0) return value;
        }
    }

    std::string text() {
        const auto length = size();
        if (length > m_data.size() - m_at) throw std::runtime_error("model codec: truncated buffer");
        std::string value(m_data.substr(m_at, length));
        m_at += length;
        return value;
    }

    std::int64_t number() { return static_cast<std::int64_t>(size()); }

    Attributes attributes() {
        Attributes values(size());
        for (auto& [name, value] : values) {
            name = text();
            value = text();
        }
        return values;
    }

private:
    char byte() {
        if (m_at >= m_data.size()) throw std::runtime_error("model codec: truncated buffer");
        return m_data[m_at++];
    }
    std::string_view m_data;
    std::size_t m_at = 0;
};

}  // namespace

void encode(const Person& person, std::string& out) {
    out.push_back(static_cast<char>(Tag::person));
    put(out, person.key);
    put(out, person.login);
    put(out, person.display_name);
    put(out, person.email);
    put(out, person.attributes);
    put(out, std::int64_t{person.declared ? 1 : 0});
}

void encode(const Container& container, std::string& out) {
    out.push_back(static_cast<char>(Tag::container));
    put(out, container.key);
    put(out, container.kind);
    put(out, container.name);
    put(out, container.slug);
    put(out, container.parent_key);
    put(out, container.description);
    put(out, container.attributes);
    put(out, std::int64_t{container.declared ? 1 : 0});
}

void encode(const Item& item, std::string& out) {
    out.push_back(static_cast<char>(Tag::item));
    for (const std::string* field : {&item.key, &item.kind, &item.title, &item.status, &item.slug, &item.url,
                                     &item.created_at, &item.modified_at, &item.author_key, &item.parent_key,
                                     &item.reply_to_key, &item.body.format, &item.body.text}) {
        put(out, *field);
    }
    put_size(out, item.container_keys.size());
    for (const auto& key : item.container_keys) put(out, key);
    put(out, item.attributes);
    put_size(out, item.revisions.size());
    for (const auto& revision : item.revisions) {
        put(out, revision.key);
        put(out, revision.author_key);
        put(out, revision.timestamp);
        put(out, revision.size);
        put(out, revision.comment);
        put(out, revision.attributes);
    }
    put(out, item.source_line);
    put(out, item.fingerprint);
}

void encode(const Message& message, std::string& out) {
    out.push_back(static_cast<char>(Tag::message));
    put(out, std::int64_t{static_cast<int>(message.severity)});
    put(out, message.code);
    put(out, message.text);
    put(out, message.position.file);
    put(out, message.position.line);
    put(out, message.position.column);
    put(out, message.item_key);
}

void encode(const RevisionText& text, std::string& out) {
    out.push_back(static_cast<char>(Tag::revision_text));
    put(out, text.item_key);
    put(out, text.revision_key);
    put(out, text.text);
    out.push_back(text.same_as_body ? '\1' : '\0');
}

void decode_into(std::string_view buffer, ModelSink& sink) {
    Reader in(buffer);
    while (!in.done()) {
        switch (static_cast<Tag>(in.tag())) {
            case Tag::person: {
                Person person;
                person.key = in.text();
                person.login = in.text();
                person.display_name = in.text();
                person.email = in.text();
                person.attributes = in.attributes();
                person.declared = in.number() != 0;
                sink.person(std::move(person));
                break;
            }
            case Tag::container: {
                Container container;
                container.key = in.text();
                container.kind = in.text();
                container.name = in.text();
                container.slug = in.text();
                container.parent_key = in.text();
                container.description = in.text();
                container.attributes = in.attributes();
                container.declared = in.number() != 0;
                sink.container(std::move(container));
                break;
            }
            case Tag::item: {
                Item item;
                for (std::string* field : {&item.key, &item.kind, &item.title, &item.status, &item.slug, &item.url,
                                           &item.created_at, &item.modified_at, &item.author_key, &item.parent_key,
                                           &item.reply_to_key, &item.body.format, &item.body.text}) {
                    *field = in.text();
                }
                item.container_keys.resize(in.size());
                for (auto& key : item.container_keys) key = in.text();
                item.attributes = in.attributes();
                item.revisions.resize(in.size());
                for (auto& revision : item.revisions) {
                    revision.key = in.text();
                    revision.author_key = in.text();
                    revision.timestamp = in.text();
                    revision.size = in.number();
                    revision.comment = in.text();
                    revision.attributes = in.attributes();
                }
                item.source_line = in.number();
                item.fingerprint = in.text();
                sink.item(std::move(item));
                break;
            }
            case Tag::message: {
                Message message;
                message.severity = static_cast<Severity>(in.number());
                message.code = in.text();
                message.text = in.text();
                message.position.file = in.text();
                message.position.line = in.number();
                message.position.column = in.number();
                message.item_key = in.text();
                sink.message(std::move(message));
                break;
            }
            case Tag::revision_text: {
                RevisionText text;
                text.item_key = in.text();
                text.revision_key = in.text();
                text.text = in.text();
                text.same_as_body = in.tag() != 0;
                sink.revision_text(std::move(text));
                break;
            }
            default: throw std::runtime_error("model codec: unknown object tag");
        }
    }
}

}  // namespace baton::model
