# Makes every copy in big/ distinct in its bytes (so each is its own sha256) without changing what
# it says: text files get trailing blank lines, zip containers (xlsx, docx) a zip comment.
import os, sys, zipfile
root = sys.argv[1]
for d in sorted(os.listdir(root)):
    tag = d.encode()
    for name in os.listdir(os.path.join(root, d)):
        p = os.path.join(root, d, name)
        if name.endswith(('.xlsx', '.docx')):
            with zipfile.ZipFile(p, 'a') as z:
                z.comment = b'copy ' + tag
        else:
            with open(p, 'ab') as f:
                f.write(b'\n' * (1 + int(d.split('-')[1])))
