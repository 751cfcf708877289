// The portal's page frame, stylesheet and HTML helpers.
#include "portal/html_page.hpp"

#include "core/text.hpp"

namespace baton::portal {

std::string h(std::string_view text) {
    // Legacy text may hold control characters (form feeds, NULs from broken exports): they are dropped, tabs and
    // line breaks kept, and the rest escaped.
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const bool end = i == text.size();
        const auto byte = end ? 0U : static_cast<unsigned char>(text[i]);
        if (end || ((byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r') || byte == 0x7F)) {
            text::append_html_escaped(out, text.substr(start, i - start));
            start = i + 1;
        }
    }
    return out;
}

std::string url_part(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                           (byte >= '0' && byte <= '9') || byte == '-' || byte == '_' || byte == '.' || byte == '~';
        if (plain) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0x0F];
        }
    }
    return out;
}

std::string page(const std::string& title, const Principal* principal, const std::string& body) {
    std::string out =
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        "<meta name=\"referrer\" content=\"no-referrer\">"
        "<link rel=\"stylesheet\" href=\"/static/portal.css\"><title>";
    out += h(title);
    out += " - baton review</title></head><body><header><a class=\"brand\" href=\"/\">baton review</a>";
    if (principal != nullptr) {
        out += "<span class=\"who\">";
        out += h(principal->display_name);
        out += "</span>";
        out += post_form("/logout", *principal, "inline");
        out += "<button class=\"link\" type=\"submit\">Sign out</button></form>";
    }
    out += "</header><main>";
    out += body;
    out += "</main></body></html>";
    return out;
}

std::string message_page(const std::string& title, const std::string& text) {
    return page(title, nullptr, "<h1>" + h(title) + "</h1><p>" + h(text) + "</p>");
}

std::string post_form(const std::string& action, const Principal& principal, const std::string& css_class) {
    std::string out = "<form method=\"post\" action=\"" + h(action) + "\"";
    if (!css_class.empty()) out += " class=\"" + h(css_class) + "\"";
    out += "><input type=\"hidden\" name=\"csrf\" value=\"" + csrf_token(principal.raw_token) + "\">";
    return out;
}

const std::string& stylesheet() {
    static const std::string css = R"css(*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d2330;line-height:1.45;background:#fafbfd}
header{display:flex;flex-wrap:wrap;gap:.8rem;align-items:center;padding:.6rem 1rem;background:#1d3557;color:#fff}
header a{color:#fff;text-decoration:none}.brand{font-weight:700;margin-right:auto}.who{opacity:.9}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.4rem 0}h2{font-size:1.2rem;margin-top:1.8rem;border-bottom:2px solid #dde3ee;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;background:#fff}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e5e9f0;vertical-align:top;overflow-wrap:break-word}
th{background:#f3f5f9}td.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#5b6475}.warn{color:#8a5a00}.ok{color:#1b6e2d}.bad{color:#b00020}
.pill{display:inline-block;padding:0 .5rem;border-radius:1rem;background:#eef2f8;margin-right:.3rem;font-size:.9rem}
.card{border:1px solid #dde3ee;border-radius:.5rem;padding:.8rem 1rem;margin:.8rem 0;background:#fff}
.counts{display:flex;flex-wrap:wrap;gap:.6rem;margin:.4rem 0}.counts span{background:#f3f5f9;border-radius:.4rem;padding:.2rem .6rem}
form{margin:.4rem 0}form.inline{display:inline;margin:0}
label{display:block;margin:.4rem 0 .1rem;font-weight:600}
input[type=text],input[type=search],textarea,select{width:100%;max-width:30rem;padding:.5rem;font-size:1rem;border:1px solid #b8c0cc;border-radius:.3rem}
textarea{min-height:4rem}
button{font-size:1rem;padding:.45rem .9rem;border-radius:.3rem;border:1px solid #1d3557;background:#1d3557;color:#fff;cursor:pointer;margin:.2rem .3rem .2rem 0}
button.secondary{background:#fff;color:#1d3557}button.link{background:none;border:none;color:#fff;text-decoration:underline;padding:0}
.pre{white-space:pre-line}.pager a{margin-right:.8rem}.error-box{border-left:4px solid #b00020;padding:.4rem .8rem;background:#fff}
@media (max-width:40rem){th.opt,td.opt{display:none}main{padding:.6rem}}
)css";
    return css;
}

}  // namespace baton::portal
