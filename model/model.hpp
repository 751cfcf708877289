// The canonical content model every extractor produces: people, containers, items, revisions, messages.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace baton::model {

// Bumped when a field is added or its meaning changes; written at the top of every model dump.
inline constexpr int model_version = 1;

// Ordered name/value pairs; names may repeat (WordPress postmeta does).
using Attributes = std::vector<std::pair<std::string, std::string>>;

// One legacy system export as it is extracted. `key` identifies the site across exports
// (e.g. its base URL), so a newer export of the same site updates the same source.
struct SourceInfo {
    std::string kind;            // extractor kind: "wxr", "mediawiki", ...
    std::string key;             // stable identity of the legacy site
    std::string locator;         // the path that was read
    std::string title;           // the site's own name
    std::string site_url;
    std::string format_version;  // e.g. WXR "1.2"
};

// A legacy identity. Keys carry their kind: "login:alice", "email:bob@example.org",
// "name:Carol", "ip:10.0.0.1" (anonymous: never an owner candidate).
struct Person {
    std::string key;
    std::string login;
    std::string display_name;
    std::string email;
    Attributes attributes;
    bool declared = true;  // false: only referenced (an author missing from the export's author list)
};

// A space, category, tag, namespace or folder; hierarchical through parent_key.
struct Container {
    std::string key;   // "category:news", "post_tag:howto", "<taxonomy>:<slug>"
    std::string kind;  // "category", "tag", or the taxonomy / space kind
    std::string name;
    std::string slug;
    std::string parent_key;
    std::string description;
    Attributes attributes;
    bool declared = true;  // false: only referenced by an item, not in the export's term lists
};

struct Revision {
    std::string key;  // unique within its item
    std::string author_key;
    std::string timestamp;  // ISO 8601, UTC when the source says so
    std::int64_t size = 0;  // bytes of the text at this revision
    std::string comment;
    Attributes attributes;  // e.g. MediaWiki's parent_id, minor, sha1, model, format
};

// The text of one revision, sent on its own as the source is read, so a long history never has to
// be held in memory (the item itself, with its revisions' metadata, follows later).
struct RevisionText {
    std::string item_key;
    std::string revision_key;
    std::string text;
    bool same_as_body = false;  // the text is the item's body, sent with the item: `text` is empty, not repeated
};

// The body as the source wrote it; converting it to a document tree is a later stage.
struct Body {
    std::string format;  // "wordpress-html", "wikitext", "confluence-storage", ...
    std::string text;
};

struct Item {
    std::string key;   // unique within the source: "post:42", "comment:7"
    std::string kind;  // "post", "page", "attachment", "comment", ...
    std::string title;
    std::string status;  // "publish", "draft", "private", "approved", "spam", ...
    std::string slug;
    std::string url;
    std::string created_at;
    std::string modified_at;
    std::string author_key;
    std::string parent_key;    // the item this belongs to (page parent, commented post, attachment's post)
    std::string reply_to_key;  // for threaded comments: the comment answered
    std::vector<std::string> container_keys;  // in source order; the first is the primary one
    Attributes attributes;
    Body body;
    std::vector<Revision> revisions;
    std::int64_t source_line = 0;  // where the item starts in its file
    // fingerprint(*this), filled in by whoever computes it first (the pipeline does, on the parser's thread,
    // so the writer need not); "" = not yet. Not part of the content: fingerprint() leaves it out.
    std::string fingerprint;
};

enum class Severity { info, warning, error };

[[nodiscard]] const char* severity_name(Severity severity) noexcept;

// A problem with one item or one spot of the input, kept in the workspace and shown in reports.
struct Message {
    Severity severity = Severity::warning;
    std::string code;  // stable identifier, e.g. "wxr.item-without-id"
    std::string text;
    SourcePosition position;
    std::string item_key;
};

// A fingerprint over every field of an item: equal fingerprints mean nothing changed.
[[nodiscard]] std::string fingerprint(const Item& item);

}  // namespace baton::model
