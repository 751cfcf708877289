#!/usr/bin/env python3
"""Generates a Confluence space export of about N MB for the extraction benchmark (Python 3 standard library only).

The export looks like what Confluence 7 writes: entities.xml with ConfluenceUserImpl and InternalUser, spaces with
their permissions, pages in a hierarchy with historical versions, blog posts, comments in threads, attachments with
versions, labels, outgoing links and BodyContent in storage format, plus exportDescriptor.properties. Objects refer
to each other by id in any order: each page's BodyContent is written before its page, its comments after.

usage: gen_confluence.py --megabytes N --out DIR [--zip FILE] [--seed S]
"""
import argparse
import os
import random
import zipfile

WORDS = ("intranet policy travel expense holiday office meeting project budget report team handbook security "
         "onboarding laptop printer canteen parking training review quarter roadmap customer release process "
         "quality audit contract supplier invoice archive newsletter wiki template guideline").split()


def sentence(rng, words):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def storage_body(rng, size):
    """Storage-format XHTML of about `size` bytes, with a link, a macro and some markup."""
    parts = []
    total = 0
    while total < size:
        kind = rng.random()
        if kind < 0.1:
            part = "<h2>%s</h2>" % sentence(rng, 3)
        elif kind < 0.2:
            part = ('<ac:link><ri:page ri:content-title="%s" /><ac:plain-text-link-body><![CDATA[%s]]>'
                    "</ac:plain-text-link-body></ac:link>" % (sentence(rng, 2), sentence(rng, 2)))
        elif kind < 0.25:
            part = ('<ac:structured-macro ac:name="info"><ac:rich-text-body><p>%s</p></ac:rich-text-body>'
                    "</ac:structured-macro>" % sentence(rng, 12))
        else:
            part = "<p>%s <strong>%s</strong> %s</p>" % (sentence(rng, 14), rng.choice(WORDS), sentence(rng, 10))
        parts.append(part)
        total += len(part)
    return "".join(parts)


class Writer:
    def __init__(self, out):
        self.out = out
        self.next_id = 1000000

    def new_id(self):
        self.next_id += 1
        return self.next_id

    def obj(self, cls, package, ident, body, id_name="id"):
        self.out.write('<object class="%s" package="%s">\n<id name="%s">%s</id>\n%s</object>\n'
                       % (cls, package, id_name, ident, body))

    @staticmethod
    def prop(name, value):
        # Confluence breaks "]]>" inside a CDATA section as "]] >", as real exports show.
        return '<property name="%s"><![CDATA[%s]]></property>\n' % (name, str(value).replace("]]>", "]] >"))

    @staticmethod
    def ref(name, cls, package, ident, id_name="id"):
        return ('<property name="%s" class="%s" package="%s"><id name="%s">%s</id></property>\n'
                % (name, cls, package, id_name, ident))


def user_ref(name, key):
    return Writer.ref(name, "ConfluenceUserImpl", "com.atlassian.confluence.user", key, "key")


def date(rng, year):
    return "%d-%02d-%02d %02d:%02d:%02d.%03d" % (year, rng.randint(1, 12), rng.randint(1, 28), rng.randint(0, 23),
                                                 rng.randint(0, 59), rng.randint(0, 59), rng.randint(0, 999))


def generate(megabytes, folder, seed):
    rng = random.Random(seed)
    os.makedirs(folder, exist_ok=True)
    target = megabytes * 1000000
    path = os.path.join(folder, "entities.xml")
    pages_pkg = "com.atlassian.confluence.pages"
    with open(path, "w", encoding="utf-8") as out:
        w = Writer(out)
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<hibernate-generic datetime="2024-05-01 12:00:00">\n')
        users = []
        for n in range(200):
            key = "8a7f%028x" % rng.getrandbits(112)
            name = "user%03d" % n
            users.append(key)
            w.obj("ConfluenceUserImpl", "com.atlassian.confluence.user", key,
                  w.prop("name", name) + w.prop("lowerName", name) + w.prop("email", name + "@example.org"), "key")
            w.obj("InternalUser", "com.atlassian.crowd.model.user", w.new_id(),
                  w.prop("name", name) + w.prop("lowerName", name) + w.prop("active", "true")
                  + w.prop("displayName", "User %03d" % n) + w.prop("emailAddress", name + "@example.org"))
        labels = []
        for n in range(60):
            label = w.new_id()
            labels.append(label)
            w.obj("Label", "com.atlassian.confluence.labels", label,
                  w.prop("name", "%s-%d" % (rng.choice(WORDS), n)) + w.prop("namespace", "global"))
        spaces = []
        for n in range(12):
            space = w.new_id()
            spaces.append((space, "SP%d" % n, []))
            body = (w.prop("name", "Space %d %s" % (n, rng.choice(WORDS))) + w.prop("key", "SP%d" % n)
                    + user_ref("creator", rng.choice(users)) + w.prop("creationDate", date(rng, 2015))
                    + w.prop("spaceType", "global"))
            w.obj("Space", "com.atlassian.confluence.spaces", space, body)
            for kind in ("VIEWSPACE", "EDITSPACE", "COMMENT", "CREATEATTACHMENT", "SETSPACEPERMISSIONS"):
                w.obj("SpacePermission", "com.atlassian.confluence.security", w.new_id(),
                      w.prop("type", kind) + w.ref("space", "Space", "com.atlassian.confluence.spaces", space)
                      + user_ref("userSubject", rng.choice(users)))
        pages = 0
        while out.tell() < target:
            space, _, page_ids = rng.choice(spaces)
            page = w.new_id()
            cls = "BlogPost" if rng.random() < 0.1 else "Page"
            versions = rng.randint(1, 6)
            history = []
            for version in range(1, versions):  # historical versions, each with its own body
                old = w.new_id()
                history.append(old)
                body_id = w.new_id()
                w.obj("BodyContent", "com.atlassian.confluence.core", body_id,
                      w.prop("body", storage_body(rng, rng.randint(500, 3000)))
                      + w.ref("content", cls, pages_pkg, old) + "<property name=\"bodyType\">2</property>\n")
                w.obj(cls, pages_pkg, old,
                      w.prop("title", "Page %d" % page) + "<property name=\"version\">%d</property>\n" % version
                      + user_ref("creator", rng.choice(users)) + w.prop("creationDate", date(rng, 2016))
                      + user_ref("lastModifier", rng.choice(users)) + w.prop("lastModificationDate", date(rng, 2017))
                      + w.prop("contentStatus", "current") + w.ref("originalVersion", cls, pages_pkg, page))
            body_id = w.new_id()
            w.obj("BodyContent", "com.atlassian.confluence.core", body_id,
                  w.prop("body", storage_body(rng, rng.randint(1000, 6000)))
                  + w.ref("content", cls, pages_pkg, page) + "<property name=\"bodyType\">2</property>\n")
            parent = ""
            if cls == "Page" and page_ids and rng.random() < 0.8:
                parent = w.ref("parent", "Page", pages_pkg, rng.choice(page_ids[-50:]))
            status = "draft" if rng.random() < 0.02 else ("deleted" if rng.random() < 0.02 else "current")
            w.obj(cls, pages_pkg, page,
                  w.prop("title", "Page %d %s" % (page, sentence(rng, 3))) + "<property name=\"version\">%d</property>\n"
                  % versions + user_ref("creator", rng.choice(users)) + w.prop("creationDate", date(rng, 2016))
                  + user_ref("lastModifier", rng.choice(users)) + w.prop("lastModificationDate", date(rng, 2018))
                  + w.prop("contentStatus", status) + w.ref("space", "Space", "com.atlassian.confluence.spaces", space)
                  + parent)
            if cls == "Page":
                page_ids.append(page)
            comments = []
            for _ in range(rng.randint(0, 4)):
                comment = w.new_id()
                reply = w.ref("parent", "Comment", pages_pkg, rng.choice(comments)) if comments and rng.random() < 0.4 else ""
                w.obj("Comment", pages_pkg, comment,
                      w.ref("containerContent", cls, pages_pkg, page) + reply + user_ref("creator", rng.choice(users))
                      + w.prop("creationDate", date(rng, 2019)) + w.prop("contentStatus", "current")
                      + "<property name=\"version\">1</property>\n")
                w.obj("BodyContent", "com.atlassian.confluence.core", w.new_id(),
                      w.prop("body", "<p>%s</p>" % sentence(rng, 20)) + w.ref("content", "Comment", pages_pkg, comment)
                      + "<property name=\"bodyType\">2</property>\n")
                comments.append(comment)
            if rng.random() < 0.3:
                attachment = w.new_id()
                w.obj("Attachment", pages_pkg, attachment,
                      w.prop("title", "file-%d.pdf" % attachment) + w.prop("contentStatus", "current")
                      + "<property name=\"version\">1</property>\n" + w.ref("containerContent", cls, pages_pkg, page)
                      + user_ref("creator", rng.choice(users)) + w.prop("creationDate", date(rng, 2019)))
            for label in rng.sample(labels, rng.randint(0, 3)):
                w.obj("Labelling", "com.atlassian.confluence.labels", w.new_id(),
                      w.ref("label", "Label", "com.atlassian.confluence.labels", label)
                      + w.ref("content", cls, pages_pkg, page))
            if rng.random() < 0.5:
                w.obj("OutgoingLink", "com.atlassian.confluence.links", w.new_id(),
                      w.prop("destinationSpaceKey", rng.choice(spaces)[1]) + w.prop("destinationPageTitle", sentence(rng, 3))
                      + w.ref("sourceContent", cls, pages_pkg, page))
            pages += 1
        out.write("</hibernate-generic>\n")
    with open(os.path.join(folder, "exportDescriptor.properties"), "w", encoding="utf-8") as descriptor:
        descriptor.write("#generated by gen_confluence.py\nexportType=space\nbuildNumber=8703\nspaceKey=SP0\n"
                         "backupAttachments=false\n")
    return pages


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, required=True, help="approximate size of entities.xml (10^6 bytes)")
    parser.add_argument("--out", required=True, help="the export folder to write")
    parser.add_argument("--zip", help="also write the export as this .zip (deflated)")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    pages = generate(args.megabytes, args.out, args.seed)
    if args.zip:
        with zipfile.ZipFile(args.zip, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in ("entities.xml", "exportDescriptor.properties"):
                archive.write(os.path.join(args.out, name), name)
    print("%s: %d pages and blog posts, %.1f MB" % (args.out, pages,
                                                     os.path.getsize(os.path.join(args.out, "entities.xml")) / 1e6))


if __name__ == "__main__":
    main()
