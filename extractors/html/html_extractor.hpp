// Static HTML intranets: a folder tree of .htm/.html pages, folders as containers, linked files as attachments.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/bounded_cache.hpp"
#include "extractors/extractor.hpp"
#include "extractors/html/html_page.hpp"

namespace baton::extract::html {

// Where a reference of a page leads, relative to the tree's root.
struct ResolvedReference {
    // "page" (an .htm/.html in the tree), "file" (any other file in the tree), "missing" (inside the
    // tree but not there), "outside" (above the root or a local drive path), "external" (a URL with a
    // scheme), "anchor" (#name on the same page), "" (nothing to record: empty, javascript:, data:).
    std::string kind;
    std::string path;  // the relative path in the tree for page/file/missing, else the target as written
};

// Resolves `target` written in the page at `page_path` (relative to `root`, forward slashes).
[[nodiscard]] ResolvedReference resolve_reference(const std::filesystem::path& root, const std::string& page_path,
                                                  const std::string& target);

[[nodiscard]] bool is_page_file(const std::filesystem::path& path);

class HtmlExtractor : public Extractor {
public:
    explicit HtmlExtractor(const std::string& root);
    model::SourceInfo open() override;
    void extract(model::ModelSink& sink, const ProgressCallback& progress) override;

private:
    void walk_folder(const std::filesystem::path& relative, model::ModelSink& sink, const ProgressCallback& progress);
    void emit_page(const std::string& relative, model::ModelSink& sink);
    std::string emit_folders(const std::string& relative_file, model::ModelSink& sink);
    std::string person(const std::string& name, model::ModelSink& sink);
    void emit_attachment(const std::string& relative, const std::string& page_key, model::ModelSink& sink);
    void add_references(const HtmlPage& page, const std::string& relative, model::Item& item, model::ModelSink& sink);

    std::filesystem::path m_root;
    model::SourceInfo m_source;
    BoundedCache<bool> m_emitted{8192};  // folders, keywords, people: sending one again is harmless
    // Linked files already sent. Past its capacity a file linked again is sent again, which the workspace
    // reports as a duplicate (kept under a suffixed key when the linking page differs).
    BoundedCache<bool> m_attachments{65536};
    std::uint64_t m_pages = 0;
    std::uint64_t m_bytes = 0;
};

}  // namespace baton::extract::html

namespace baton::extract {
[[nodiscard]] std::unique_ptr<Extractor> create_html_extractor(const std::string& path, const ExtractOptions& options = {});
}
