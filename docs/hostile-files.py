#!/usr/bin/python3
"""Builds the small-but-costly input files of issue 19 into a folder, for
docs/hostile-files.sh to time: each must be read in under 10 s and 500 MB.

    /usr/bin/python3 docs/hostile-files.py OUTDIR
"""
import os, sys, zipfile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
P = lambda n: os.path.join(out, n)

CT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
      '<Default Extension="xml" ContentType="application/xml"/>'
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
      '%s</Types>')
ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
             '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
             '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
             '</Relationships>')
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def book(name, sheet_xml, sheets='<sheet name="Offers" sheetId="1" r:id="rId1"/>', rels_extra='', sst=None):
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            + rels_extra)
    over = ''
    if sst is not None:
        rels += '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        over = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    rels += '</Relationships>'
    with zipfile.ZipFile(P(name), 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT % over)
        z.writestr('_rels/.rels', ROOT_RELS)
        z.writestr('xl/workbook.xml', f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {NS}><sheets>{sheets}</sheets></workbook>')
        z.writestr('xl/_rels/workbook.xml.rels', rels)
        z.writestr('xl/worksheets/sheet1.xml', sheet_xml)
        if sst is not None:
            z.writestr('xl/sharedStrings.xml', sst)


def is_(v):
    return f'<is><t>{v}</t></is>'


def col(n):
    s = ''
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def row(r, cells):
    out = [f'<row r="{r}">']
    for i, v in enumerate(cells, 1):
        if isinstance(v, str):
            out.append(f'<c r="{col(i)}{r}" t="inlineStr">{is_(v)}</c>')
        else:
            out.append(f'<c r="{col(i)}{r}"><v>{v}</v></c>')
    out.append('</row>')
    return ''.join(out)


def sheet(rows):
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {NS}><sheetData>{"".join(rows)}</sheetData></worksheet>'


known = ["level", "location", "base", "rsu_value"]
data = ["L5", "Seattle", 180000, 300000]

# 1. A header of 16,384 columns, 200 rows of offers.
header = known + [f"c{i}" for i in range(5, 16385)]
book("wide-16384.xlsx", sheet([row(1, header)] + [row(r, data) for r in range(2, 202)]))

# 2. A CSV with a header of a million columns (about 8 MB).
with open(P("wide-1m.csv"), "w") as f:
    f.write(",".join(known + [f"x{i}" for i in range(1, 1_000_000)]) + "\n")
    for _ in range(50):
        f.write("L5,Seattle,180000,300000\n")

# 3. A large shared-strings part: 600,000 strings, 20 rows using a few.
sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
       f'<sst {NS} count="600000" uniqueCount="600000">' + "".join(f"<si><t>s{i}</t></si>" for i in range(600000)) + '</sst>')
rows = ['<row r="1">' + "".join(f'<c r="{col(i + 1)}1" t="s"><v>{i}</v></c>' for i in range(4)) + '</row>']
sst = sst.replace("<si><t>s0</t></si><si><t>s1</t></si><si><t>s2</t></si><si><t>s3</t></si>",
                  "<si><t>level</t></si><si><t>location</t></si><si><t>base</t></si><si><t>rsu_value</t></si>", 1)
rows += [row(r, data) for r in range(2, 22)]
book("shared-strings.xlsx", sheet(rows), sst=sst)

# 4. 200,000 hidden sheets before the visible one.
hidden = "".join(f'<sheet name="h{i}" sheetId="{i + 2}" state="hidden" r:id="rIdH{i}"/>' for i in range(200000))
hrels = "".join(f'<Relationship Id="rIdH{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' for i in range(200000))
book("hidden-200k.xlsx", sheet([row(1, known)] + [row(r, data) for r in range(2, 7)]),
     sheets=hidden + '<sheet name="Offers" sheetId="1" r:id="rId1"/>', rels_extra=hrels)

# 5. Million-digit numbers: a workbook of a few such cells, and CSVs.
big = "9" * 1_000_000
book("million-digits.xlsx", sheet([row(1, known)] + [row(r, ["L5", "Seattle", big, big]) for r in range(2, 5)]))
with open(P("million-digits.csv"), "w") as f:
    f.write(",".join(known) + "\n")
    for _ in range(3):
        f.write(f"L5,Seattle,{big},{big}\n")
with open(P("digits-50mb.csv"), "w") as f:
    f.write(",".join(known) + "\n")
    f.write("L5,Seattle,180000," + "9" * 50_000_000 + "\n")
for n in sorted(os.listdir(out)):
    print(f"{os.path.getsize(P(n)):>12,}  {n}")

# 6. A shared-strings part within the size budget (the file padded with 7 MB
#    that does not compress): 20 million one-letter strings, 360 MB unpacked.
name = "shared-strings-bomb.xlsx"
with zipfile.ZipFile(P(name), 'w', zipfile.ZIP_DEFLATED) as z:
    z.writestr('[Content_Types].xml', CT % '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    z.writestr('_rels/.rels', ROOT_RELS)
    z.writestr('xl/workbook.xml', f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {NS}><sheets><sheet name="Offers" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
               '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    z.writestr('xl/worksheets/sheet1.xml', sheet(['<row r="1">' + "".join(f'<c r="{col(i + 1)}1" t="s"><v>{i}</v></c>' for i in range(4)) + '</row>'] + [row(r, data) for r in range(2, 22)]))
    with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as w:
        w.write(f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst {NS}>'.encode())
        w.write(b"<si><t>level</t></si><si><t>location</t></si><si><t>base</t></si><si><t>rsu_value</t></si>")
        chunk = b"<si><t>a</t></si>" * 100000
        for _ in range(200):
            w.write(chunk)
        w.write(b"</sst>")
    z.writestr(zipfile.ZipInfo('docProps/padding.bin'), os.urandom(7 << 20), compress_type=zipfile.ZIP_STORED)
print(f"{os.path.getsize(P(name)):>12,}  {name}")
