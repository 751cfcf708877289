#!/usr/bin/env python3
"""Generates a static HTML intranet for the html: extraction benchmark (Python 3 standard library only).

The tree looks like a file-share intranet saved from Word 2000: department folders with subfolders, pages in
windows-1252 with <meta> data and Office document properties in conditional comments, links between pages, and
linked PDFs and images that exist in the tree. The same --pages and --seed always give the same bytes.

usage: gen_html_tree.py --pages N --out FOLDER [--seed S]
"""
import argparse
import os
import random
import sys

DEPARTMENTS = ["Finance", "HR", "IT", "Legal", "Marketing", "Operations", "Sales", "Research"]
WORDS = ("policy report budget team project meeting minutes plan review process guideline procedure office "
         "customer contract supplier training safety quality schedule travel expense holiday benefit "
         "recruitment onboarding server network backup security access request approval").split()
PEOPLE = ["Ann Lee", "Bob Martin", "Claire Dupont", "Dieter M\u00fcller", "Eva Nov\u00e1k", "Fran\u00e7ois Roy",
          "Grace Hall", "Hiro Tanaka", "Ingrid S\u00f8rensen", "Jos\u00e9 P\u00e9rez"]
PAGES_PER_FOLDER = 40
FOLDERS_PER_DEPARTMENT = 25


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    # Word's curly quotes and dashes: bytes 0x80-0x9F in windows-1252.
    return "\u201c" + text.capitalize() + "\u201d \u2013 caf\u00e9 \u20ac" + str(rng.randint(10, 9999)) + "."


def page_path(index):
    folder = index // PAGES_PER_FOLDER
    department = DEPARTMENTS[folder % len(DEPARTMENTS)]
    sub = (folder // len(DEPARTMENTS)) % FOLDERS_PER_DEPARTMENT
    batch = folder // (len(DEPARTMENTS) * FOLDERS_PER_DEPARTMENT)
    parts = [department, "area%02d" % sub]
    if batch:
        parts.append("batch%04d" % batch)
    return os.path.join(*parts, "page%06d.htm" % index)


def relative(from_page, to_path):
    return os.path.relpath(to_path, os.path.dirname(from_page)).replace(os.sep, "/")


def page(rng, index, pages):
    path = page_path(index)
    author, last = rng.choice(PEOPLE), rng.choice(PEOPLE)
    day = "20%02d-%02d-%02dT%02d:%02d:00Z" % (rng.randint(0, 9), rng.randint(1, 12), rng.randint(1, 28),
                                            rng.randint(0, 23), rng.randint(0, 59))
    title = sentence(rng, 4)
    links = []
    for _ in range(rng.randint(2, 6)):
        target = page_path(rng.randrange(pages))
        links.append('<a href="%s">%s</a>' % (relative(path, target), sentence(rng, 3)))
    folder = os.path.dirname(path)
    links.append('<a href="%s">Report (PDF)</a>' % relative(path, os.path.join(folder, "files", "report.pdf")))
    links.append('<a href="http://www.example.com/%d">external</a>' % index)
    paragraphs = "\n".join('<p class=MsoNormal>%s<o:p></o:p></p>' % sentence(rng, rng.randint(20, 60))
                           for _ in range(rng.randint(6, 14)))
    html = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns="http://www.w3.org/TR/REC-html40">
<head>
<meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 9">
<meta name=keywords content="%(department)s, %(kw)s">
<title>%(title)s</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>%(author)s</o:Author>
  <o:LastAuthor>%(last)s</o:LastAuthor>
  <o:Revision>%(revision)d</o:Revision>
  <o:Created>%(day)s</o:Created>
  <o:LastSaved>%(day)s</o:LastSaved>
  <o:Company>Example Corp</o:Company>
 </o:DocumentProperties>
</xml><![endif]-->
</head>
<body lang=EN-GB style='tab-interval:36.0pt'>
<div class=Section1>
<h1>%(title)s</h1>
%(paragraphs)s
<p class=MsoNormal><img width=32 height=32 src="%(image)s"></p>
<ul>%(links)s</ul>
</div>
</body>
</html>
""" % {"department": path.split(os.sep)[0], "kw": rng.choice(WORDS), "title": title, "author": author,
       "last": last, "revision": rng.randint(1, 40), "day": day, "paragraphs": paragraphs,
       "image": relative(path, os.path.join(folder, "files", "logo.gif")),
       "links": "".join("<li>%s</li>\n" % link for link in links)}
    return path, html.encode("windows-1252")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    written = 0
    folders = set()
    for index in range(args.pages):
        path, data = page(rng, index, args.pages)
        full = os.path.join(args.out, path)
        folder = os.path.dirname(full)
        if folder not in folders:
            os.makedirs(os.path.join(folder, "files"), exist_ok=True)
            with open(os.path.join(folder, "files", "report.pdf"), "wb") as out:
                out.write(b"%PDF-1.4\n" + bytes(rng.getrandbits(8) for _ in range(2048)) + b"\n%%EOF\n")
            with open(os.path.join(folder, "files", "logo.gif"), "wb") as out:
                out.write(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;")
            folders.add(folder)
        with open(full, "wb") as out:
            out.write(data)
        written += len(data)
    print("%d pages, %d folders, %.1f MB of pages in %s" % (args.pages, len(folders), written / 1e6, args.out),
          file=sys.stderr)


if __name__ == "__main__":
    main()
