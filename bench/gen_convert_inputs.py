#!/usr/bin/env python3
"""Generates conversion benchmark inputs: many documents of MediaWiki wikitext or Word-generated ("Office") HTML,
one file, documents separated by a line holding only a form feed (\\f). Deterministic for a given seed.

usage: gen_convert_inputs.py --kind wikitext|office --mb SIZE --out FILE [--seed N]
"""
import argparse
import random

WORDS = ("policy leave holiday benefit team office project meeting budget report review onboarding manager "
         "employee handbook travel expense security network printer laptop account password calendar room "
         "quarter release roadmap customer support contract invoice vendor training safety building parking "
         "canteen intranet archive template process approval request form deadline owner community").split()


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def title(rng):
    return words(rng, rng.randint(1, 4)).capitalize()


def wikitext_inline(rng):
    parts = []
    for _ in range(rng.randint(6, 14)):
        r = rng.random()
        if r < 0.55:
            parts.append(words(rng, rng.randint(3, 12)))
        elif r < 0.65:
            parts.append("'''" + words(rng, 2) + "'''")
        elif r < 0.72:
            parts.append("''" + words(rng, 2) + "''")
        elif r < 0.82:
            parts.append("[[" + title(rng) + ("|" + words(rng, 2) if rng.random() < 0.5 else "") + "]]")
        elif r < 0.88:
            parts.append("[https://www.example.com/" + rng.choice(WORDS) + " " + words(rng, 2) + "]")
        elif r < 0.92:
            parts.append("<ref>" + words(rng, 5) + "</ref>")
        elif r < 0.95:
            parts.append("{{Cite|" + rng.choice(WORDS) + "|year=" + str(rng.randint(1990, 2024)) + "}}")
        elif r < 0.98:
            parts.append("<code>" + rng.choice(WORDS) + "()</code>")
        else:
            parts.append("&amp; &lt;" + rng.choice(WORDS) + "&gt;")
    return " ".join(parts) + "."


def wikitext_document(rng):
    out = ["{{Infobox|name=" + title(rng) + "|owner=" + rng.choice(WORDS) + "}}", wikitext_inline(rng), ""]
    for _ in range(rng.randint(3, 7)):
        out.append("== " + title(rng) + " ==")
        for _ in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.5:
                out.append(wikitext_inline(rng))
            elif r < 0.7:
                for _ in range(rng.randint(2, 6)):
                    out.append(rng.choice(["*", "#", "**", "*#"]) + " " + wikitext_inline(rng))
            elif r < 0.85:
                out.append('{| class="wikitable"')
                out.append("! " + " !! ".join(title(rng) for _ in range(3)))
                for _ in range(rng.randint(2, 6)):
                    out.append("|-")
                    out.append("| " + " || ".join(words(rng, rng.randint(1, 4)) for _ in range(3)))
                out.append("|}")
            elif r < 0.93:
                out.append("; " + title(rng) + " : " + wikitext_inline(rng))
            else:
                out.append("<syntaxhighlight lang=\"bash\">\n" + "\n".join(
                    "echo " + words(rng, 3) for _ in range(rng.randint(2, 6))) + "\n</syntaxhighlight>")
            out.append("")
    out.append("== References ==")
    out.append("<references/>")
    out.append("[[Category:" + title(rng) + "]]")
    return "\n".join(out) + "\n"


def office_inline(rng):
    parts = []
    for _ in range(rng.randint(5, 12)):
        r = rng.random()
        if r < 0.55:
            parts.append(words(rng, rng.randint(3, 12)))
        elif r < 0.65:
            parts.append("<b style='mso-bidi-font-weight:normal'>" + words(rng, 2) + "</b>")
        elif r < 0.72:
            parts.append("<span style='font-size:11.0pt;font-family:\"Calibri\",sans-serif;mso-fareast-font-family:"
                         "Calibri'>" + words(rng, 3) + "</span>")
        elif r < 0.80:
            parts.append("<a href=\"https://intranet.example.com/" + rng.choice(WORDS) + "\">" + words(rng, 2) + "</a>")
        elif r < 0.87:
            parts.append("<font face=Arial size=2>" + words(rng, 2) + "</font>")
        elif r < 0.93:
            parts.append("<i><span lang=EN-GB style='mso-ansi-language:EN-GB'>" + words(rng, 2) + "</span></i>")
        else:
            parts.append("<span style='mso-spacerun:yes'>&nbsp; </span>")
    return " ".join(parts) + "."


def office_document(rng):
    out = ["<html xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\" "
           "xmlns:w=\"urn:schemas-microsoft-com:office:word\">",
           "<head><meta http-equiv=Content-Type content=\"text/html; charset=utf-8\"><meta name=Generator "
           "content=\"Microsoft Word 15\"><style><!-- p.MsoNormal {mso-style-unhide:no; margin:0cm; font-size:11.0pt;}"
           " @list l0:level1 {mso-level-number-format:bullet;} --></style><!--[if gte mso 9]><xml><w:WordDocument>"
           "<w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>",
           "<body lang=EN-GB style='tab-interval:36.0pt'><div class=WordSection1>",
           "<h1>" + title(rng) + "<o:p></o:p></h1>"]
    for _ in range(rng.randint(3, 7)):
        out.append("<h2><span style='mso-fareast-font-family:\"Times New Roman\"'>" + title(rng) + "</span><o:p></o:p></h2>")
        for _ in range(rng.randint(1, 4)):
            r = rng.random()
            if r < 0.5:
                out.append("<p class=MsoNormal>" + office_inline(rng) + "<o:p></o:p></p>")
            elif r < 0.72:
                n = rng.randint(2, 6)
                for i in range(n):
                    cls = "MsoListParagraphCxSpFirst" if i == 0 else (
                        "MsoListParagraphCxSpLast" if i == n - 1 else "MsoListParagraphCxSpMiddle")
                    level = 1 if rng.random() < 0.75 else 2
                    out.append("<p class=" + cls + " style='text-indent:-18.0pt;mso-list:l0 level" + str(level) +
                               " lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span "
                               "style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp; </span></span><![endif]>" +
                               office_inline(rng) + "<o:p></o:p></p>")
            elif r < 0.9:
                out.append("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0 style='border-collapse:"
                           "collapse;mso-yfti-tbllook:1184'>")
                for row in range(rng.randint(2, 6)):
                    out.append("<tr style='mso-yfti-irow:" + str(row) + "'>" + "".join(
                        "<td width=200 valign=top style='width:150.0pt;border:solid windowtext 1.0pt'><p class=MsoNormal>"
                        + words(rng, rng.randint(1, 5)) + "<o:p></o:p></p></td>" for _ in range(3)) + "</tr>")
                out.append("</table>")
            else:
                out.append("<p class=MsoNormal><o:p>&nbsp;</o:p></p>")
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=("wikitext", "office"), required=True)
    parser.add_argument("--mb", type=float, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    make = wikitext_document if args.kind == "wikitext" else office_document
    target = int(args.mb * 1024 * 1024)
    written = 0
    documents = 0
    with open(args.out, "w", encoding="utf-8") as out:
        while written < target:
            text = make(rng) + "\f\n"
            out.write(text)
            written += len(text.encode("utf-8"))
            documents += 1
    print(f"{args.out}: {documents} documents, {written / 1048576:.1f} MB")


if __name__ == "__main__":
    main()
