#!/usr/bin/env python3
"""convert_samples.py OUTPUT INPUT...: converts files and folders through the trackport Python
module, as `trackport convert INPUT... -o OUTPUT` does (byte for byte the same output)."""
import sys

import trackport


def main(argv):
    if len(argv) < 3:
        print("usage: convert_samples.py OUTPUT INPUT...", file=sys.stderr)
        return 2
    output, inputs = argv[1], argv[2:]
    try:
        batch = trackport.convert_batch(inputs)
        for error in batch.errors:
            print(f"convert_samples.py: {error}", file=sys.stderr)
        trackport.write(batch.documents, output)
    except trackport.Error as error:
        print(f"convert_samples.py: {error}", file=sys.stderr)
        return 1
    items = sum(len(document["items"]) for document in batch.documents)
    print(f"converted {batch.converted} file(s): {items} items -> {output}", file=sys.stderr)
    return 1 if batch.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
