"""Make the evidence files of the example student in content/, byte for byte the same each run.

The example portfolio (林語晴, a fictional student) needs real PDFs, images and
an MP3 so that the checker, the site and the dossiers can be tried on it. Run:

    python scripts/make_example_evidence.py [CONTENT_DIR]

It needs Pillow and WeasyPrint (project dependencies), fontTools (a WeasyPrint
dependency), the Noto CJK fonts (Debian: fonts-noto-cjk) and, for the MP3,
`lame` (Debian: lame). Without `lame` an existing MP3 is kept as it is.
"""

# The example documents are Chinese prose kept one paragraph per line, as a
# student would type them; wrapping them at 88 columns would only hurt editing.
# ruff: noqa: E501

from __future__ import annotations

import math
import random
import shutil
import subprocess
import sys
import tempfile
import wave
from collections import deque
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFilter, ImageFont

NOTO = Path("/usr/share/fonts/opentype/noto")
TC_INDEX = 3  # Noto Sans CJK TC inside the .ttc collection
S = 2  # draw at twice the size, then shrink: cheap anti-aliasing

INK = (33, 41, 54)
MUTED = (104, 112, 128)
ACCENT = (27, 110, 194)
ORANGE = (230, 126, 34)
RED = (200, 55, 55)
GREEN = (46, 150, 90)
GRID = (226, 230, 236)


# --------------------------------------------------------------------------
# drawing helpers


def font(size: float, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc"
    return ImageFont.truetype(str(NOTO / name), round(size * S), index=TC_INDEX)


class Pen:
    """A Pillow canvas that takes 1x coordinates and draws at S x."""

    def __init__(self, width: int, height: int, background=(255, 255, 255)):
        self.size = (width, height)
        self.img = Image.new("RGB", (width * S, height * S), background)
        self.draw = ImageDraw.Draw(self.img)

    def rect(self, box, fill=None, outline=None, width=1, radius=0):
        box = [v * S for v in box]
        self.draw.rounded_rectangle(box, radius * S, fill, outline, width * S)

    def line(self, points, fill, width=1):
        points = [(x * S, y * S) for x, y in points]
        self.draw.line(points, fill=fill, width=round(width * S), joint="curve")

    def circle(self, center, radius, fill=None, outline=None, width=1):
        x, y = center
        box = [(x - radius) * S, (y - radius) * S, (x + radius) * S, (y + radius) * S]
        self.draw.ellipse(box, fill=fill, outline=outline, width=round(width * S))

    def ellipse(self, box, fill=None):
        self.draw.ellipse([v * S for v in box], fill=fill)

    def polygon(self, points, fill=None, outline=None):
        self.draw.polygon(
            [(x * S, y * S) for x, y in points], fill=fill, outline=outline
        )

    def text(self, xy, text, size, fill=INK, bold=False, anchor="la"):
        x, y = xy
        self.draw.text(
            (x * S, y * S), text, fill=fill, font=font(size, bold), anchor=anchor
        )

    def image(self) -> Image.Image:
        return self.img.resize(self.size, Image.Resampling.LANCZOS)


def gradient(size, top, bottom) -> Image.Image:
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel(
            (0, y),
            tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    return column.resize((width, height))


def grain(img: Image.Image, seed: int, amount: float = 0.035) -> Image.Image:
    """Add film-like noise so a drawn scene looks less flat (deterministic)."""
    rng = random.Random(seed)
    noise = Image.frombytes("L", img.size, rng.randbytes(img.width * img.height))
    return Image.blend(img, Image.merge("RGB", (noise, noise, noise)), amount)


def browser_frame(pen: Pen, width: int, height: int, address: str) -> None:
    pen.rect((0, 0, width, 44), fill=(236, 239, 243))
    for i, color in enumerate([(237, 106, 94), (245, 191, 79), (98, 197, 84)]):
        pen.circle((22 + i * 20, 22), 6, fill=color)
    pen.rect((90, 10, width - 20, 34), fill=(255, 255, 255), radius=12)
    pen.text((106, 22), address, 13, MUTED, anchor="lm")


class Axes:
    """Maps data coordinates into a box of a Pen and draws a simple chart frame."""

    def __init__(self, pen, box, xr, yr):
        self.pen, self.box, self.xr, self.yr = pen, box, xr, yr

    def xy(self, x, y):
        left, top, right, bottom = self.box
        px = left + (x - self.xr[0]) / (self.xr[1] - self.xr[0]) * (right - left)
        py = bottom - (y - self.yr[0]) / (self.yr[1] - self.yr[0]) * (bottom - top)
        return px, py

    def frame(self, xticks, yticks, xlabel, ylabel, fmt=str, size=13):
        left, top, right, bottom = self.box
        for t in yticks:
            _, y = self.xy(self.xr[0], t)
            self.pen.line([(left, y), (right, y)], GRID, 1)
            self.pen.text((left - 8, y), fmt(t), size, MUTED, anchor="rm")
        for t in xticks:
            x, _ = self.xy(t, self.yr[0])
            self.pen.line([(x, bottom), (x, bottom + 5)], MUTED, 1)
            self.pen.text((x, bottom + 10), fmt(t), size, MUTED, anchor="mt")
        self.pen.line([(left, top), (left, bottom), (right, bottom)], INK, 1.5)
        self.pen.text(
            ((left + right) / 2, bottom + 34), xlabel, size + 1, INK, anchor="mt"
        )
        self.pen.text((left, top - 14), ylabel, size + 1, INK, anchor="lb")


def save_png(img: Image.Image, path: Path, colors: int = 256) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    quantized = img.quantize(
        colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
    )
    quantized.save(path, "PNG", optimize=True)


def save_jpeg(img: Image.Image, path: Path, quality: int = 80) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    img.convert("RGB").save(
        path, "JPEG", quality=quality, optimize=True, progressive=False
    )


def linear_fit(xs, ys):
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    return slope, my - slope * mx, sxy / math.sqrt(sxx * syy)


# --------------------------------------------------------------------------
# images


def portrait() -> Image.Image:
    width, height = 600, 750
    base = gradient((width * S, height * S), (196, 224, 226), (246, 232, 214))
    pen = Pen(width, height)
    pen.img = base
    pen.draw = ImageDraw.Draw(pen.img)
    for x, y, r, c in [
        (90, 120, 70, (220, 238, 236)),
        (520, 200, 90, (250, 240, 226)),
        (480, 620, 80, (214, 232, 230)),
        (120, 560, 60, (250, 236, 220)),
    ]:
        pen.circle((x, y), r, fill=c)
    scene = pen.img.filter(ImageFilter.GaussianBlur(18 * S))
    pen.img = scene
    pen.draw = ImageDraw.Draw(pen.img)
    pen.ellipse((150, 560, 450, 900), fill=(44, 62, 92))  # shoulders
    pen.polygon([(262, 560), (300, 640), (338, 560)], fill=(240, 240, 236))  # collar
    pen.rect((272, 470, 328, 580), fill=(232, 196, 168), radius=20)  # neck
    pen.ellipse((178, 170, 422, 470), fill=(40, 36, 40))  # hair back
    pen.ellipse((200, 210, 400, 470), fill=(238, 204, 176))  # face
    pen.polygon(
        [
            (196, 300),
            (230, 200),
            (300, 180),
            (372, 200),
            (404, 300),
            (360, 240),
            (300, 226),
            (236, 250),
        ],
        fill=(40, 36, 40),
    )  # bangs
    pen.rect((178, 300, 206, 520), fill=(40, 36, 40), radius=12)
    pen.rect((394, 300, 422, 520), fill=(40, 36, 40), radius=12)
    img = pen.image().filter(ImageFilter.GaussianBlur(0.6))
    return grain(img, 1, 0.025)


def binary_search_screenshot() -> Image.Image:
    width, height = 1000, 620
    pen = Pen(width, height, (250, 251, 253))
    browser_frame(pen, width, height, "localhost:8000/binary-search/")
    pen.text((40, 70), "二分搜尋視覺化", 28, INK, bold=True)
    pen.text((40, 112), "目標值：46　　陣列長度：15　　第 2 步 / 共 3 步", 16, MUTED)
    values = [3, 8, 12, 15, 21, 26, 30, 37, 41, 46, 52, 58, 63, 70, 77]
    low, mid, high = 8, 11, 14
    box, gap, x0, y0 = 52, 8, 40, 180
    for i, v in enumerate(values):
        x = x0 + i * (box + gap)
        out = i < low or i > high
        fill = (232, 234, 238) if out else (255, 255, 255)
        edge = ORANGE if i == mid else (ACCENT if i in (low, high) else (190, 196, 206))
        pen.rect(
            (x, y0, x + box, y0 + box),
            fill=fill,
            outline=edge,
            width=3 if i in (low, mid, high) else 1,
            radius=6,
        )
        pen.text(
            (x + box / 2, y0 + box / 2),
            str(v),
            18,
            (170, 174, 182) if out else INK,
            bold=i == mid,
            anchor="mm",
        )
        pen.text((x + box / 2, y0 - 14), str(i), 11, MUTED, anchor="mm")
        label = {low: "L", mid: "M", high: "H"}.get(i)
        if label:
            color = ORANGE if label == "M" else ACCENT
            pen.polygon(
                [
                    (x + box / 2, y0 + box + 8),
                    (x + box / 2 - 8, y0 + box + 20),
                    (x + box / 2 + 8, y0 + box + 20),
                ],
                fill=color,
            )
            pen.text(
                (x + box / 2, y0 + box + 34), label, 16, color, bold=True, anchor="mm"
            )
    pen.rect(
        (40, 300, 600, 560), fill=(255, 255, 255), outline=(214, 219, 226), radius=10
    )
    pen.text((60, 318), "步驟紀錄", 17, INK, bold=True)
    log = [
        "第 1 步：L = 0，H = 14，M = 7，37 < 46，往右半邊找",
        "第 2 步：L = 8，H = 14，M = 11，58 > 46，往左半邊找",
        "　　　　下一步將檢查 L = 8 到 H = 10 之間的中間值",
    ]
    for i, row in enumerate(log):
        pen.text((60, 356 + i * 34), row, 15, INK if i < 2 else MUTED)
    for i, (label, primary) in enumerate(
        [("上一步", False), ("下一步", True), ("重設", False)]
    ):
        x = 60 + i * 120
        pen.rect(
            (x, 490, x + 100, 530),
            fill=ACCENT if primary else (255, 255, 255),
            outline=ACCENT,
            radius=8,
        )
        pen.text(
            (x + 50, 510),
            label,
            15,
            (255, 255, 255) if primary else ACCENT,
            anchor="mm",
        )
    pen.rect(
        (630, 300, 960, 560), fill=(255, 255, 255), outline=(214, 219, 226), radius=10
    )
    pen.text((650, 318), "比較次數", 17, INK, bold=True)
    for i, (name, count, color) in enumerate(
        [("二分搜尋", 2, ORANGE), ("線性搜尋", 10, (150, 158, 170))]
    ):
        y = 372 + i * 70
        pen.text((650, y), name, 15, INK)
        pen.rect((740, y - 4, 740 + count * 15, y + 22), fill=color, radius=4)
        pen.text((748 + count * 15, y + 9), f"{count} 次", 15, INK, anchor="lm")
    pen.text((650, 516), "線性搜尋：找到 46 需比較 10 次", 13, MUTED)
    return pen.image()


def string_setup_photo() -> Image.Image:
    width, height = 1000, 667
    pen = Pen(width, height)
    pen.img = gradient((width * S, height * S), (58, 62, 70), (28, 30, 34))
    pen.draw = ImageDraw.Draw(pen.img)
    pen.polygon(
        [(0, 300), (1000, 250), (1000, 667), (0, 667)], fill=(92, 94, 98)
    )  # table
    pen.polygon(
        [(60, 360), (900, 300), (960, 420), (80, 500)], fill=(176, 128, 82)
    )  # board
    rng = random.Random(7)
    for _ in range(40):
        y = rng.uniform(0, 1)
        pen.line(
            [(60 + 20 * y, 360 + 140 * y), (900 + 60 * y, 300 + 120 * y)],
            (158, 112, 70),
            1,
        )
    pen.rect((150, 380, 164, 440), fill=(230, 226, 214))  # bridges
    pen.rect((800, 336, 814, 396), fill=(230, 226, 214))
    left, right = (157, 384), (807, 340)
    envelope_top, envelope_bottom = [], []
    for i in range(101):
        t = i / 100
        x = left[0] + (right[0] - left[0]) * t
        y = left[1] + (right[1] - left[1]) * t
        a = 16 * abs(math.sin(2 * math.pi * t))
        envelope_top.append((x, y - a))
        envelope_bottom.append((x, y + a))
    pen.polygon(envelope_top + envelope_bottom[::-1], fill=(196, 200, 208))
    pen.line([left, right], (236, 238, 242), 2)
    pen.line([(807, 340), (930, 352)], (236, 238, 242), 2)
    pen.circle((930, 356), 10, fill=(120, 120, 126))  # pulley
    pen.line([(940, 356), (940, 520)], (220, 222, 226), 2)
    pen.rect((915, 520, 965, 600), fill=(150, 152, 160), radius=6)  # weights
    pen.rect((915, 560, 965, 566), fill=(120, 122, 130))
    pen.rect((330, 520, 470, 630), fill=(20, 22, 26), radius=14)  # phone
    pen.rect((338, 528, 462, 622), fill=(36, 92, 150), radius=8)
    for i in range(20):
        h = 6 + 30 * abs(math.sin(i * 0.9)) * math.exp(-i / 12)
        pen.rect((346 + i * 5.6, 600 - h, 349 + i * 5.6, 600), fill=(240, 200, 90))
    pen.rect((560, 470, 720, 510), fill=(236, 232, 220), radius=3)  # ruler
    for i in range(17):
        pen.line(
            [(565 + i * 9.4, 470), (565 + i * 9.4, 478 + (6 if i % 5 == 0 else 0))],
            (60, 60, 60),
            1,
        )
    img = pen.image().filter(ImageFilter.GaussianBlur(1.1))
    vignette = Image.new("L", img.size, 0)
    ImageDraw.Draw(vignette).ellipse((-150, -120, width + 150, height + 120), fill=255)
    vignette = vignette.filter(ImageFilter.GaussianBlur(90))
    img = Image.composite(img, Image.new("RGB", img.size, (14, 14, 16)), vignette)
    return grain(img, 2)


def rent_data():
    rng = random.Random(113)
    rows = []
    for _ in range(60):
        distance = round(rng.uniform(0.1, 1.6), 2)
        area = round(rng.uniform(5, 12), 1)
        rent = 4000 + 1750 * area - 2300 * distance + rng.gauss(0, 1400)
        rows.append((distance, area, round(rent / 100) * 100))
    return rows


def rent_poster() -> Image.Image:
    width, height = 1000, 1300
    pen = Pen(width, height, (252, 250, 245))
    pen.rect((0, 0, width, 150), fill=(27, 70, 120))
    pen.text((50, 40), "捷運站距離與套房租金", 40, (255, 255, 255), bold=True)
    pen.text(
        (52, 102),
        "113 學年度第 2 學期　數學　數據分析專題　林語晴",
        18,
        (204, 222, 240),
    )
    rows = rent_data()
    dist = [r[0] for r in rows]
    area = [r[1] for r in rows]
    rent = [r[2] / 1000 for r in rows]
    m1, b1, r1 = linear_fit(dist, rent)
    m2, b2, r2 = linear_fit(area, rent)
    panels = [
        (
            (90, 260, 900, 620),
            dist,
            (0, 1.7),
            [0, 0.4, 0.8, 1.2, 1.6],
            "與最近捷運站的步行距離（公里）",
            (m1, b1, r1),
            ACCENT,
            "圖一　距離越遠，租金略低",
        ),
        (
            (90, 770, 900, 1130),
            area,
            (4, 13),
            [4, 6, 8, 10, 12],
            "套房坪數（坪）",
            (m2, b2, r2),
            ORANGE,
            "圖二　坪數與租金的關係更明顯",
        ),
    ]
    for box, xs, xr, xt, xlabel, (m, b, r), color, caption in panels:
        pen.text((box[0] - 40, box[1] - 70), caption, 22, INK, bold=True)
        ax = Axes(pen, box, xr, (5, 30))
        ax.frame(
            xt,
            [5, 10, 15, 20, 25, 30],
            xlabel,
            "月租金（千元）",
            fmt=lambda v: f"{v:g}",
            size=14,
        )
        for x, y in zip(xs, rent, strict=True):
            pen.circle(ax.xy(x, y), 5, fill=color, outline=(255, 255, 255))
        pen.line([ax.xy(xr[0], m * xr[0] + b), ax.xy(xr[1], m * xr[1] + b)], INK, 2.5)
        sign = "+" if b >= 0 else "−"
        pen.rect(
            (box[2] - 300, box[1] + 6, box[2] - 6, box[1] + 76),
            fill=(255, 255, 255),
            outline=GRID,
            radius=8,
        )
        pen.text(
            (box[2] - 286, box[1] + 16), f"y = {m:.2f}x {sign} {abs(b):.2f}", 17, INK
        )
        pen.text(
            (box[2] - 286, box[1] + 44), f"相關係數 r = {r:.2f}（n = 60）", 17, INK
        )
    pen.rect((50, 1195, 950, 1270), fill=(255, 244, 222), radius=10)
    pen.text(
        (70, 1215),
        "結論：距離與租金只有中度負相關；坪數才是更強的解釋變數。",
        19,
        INK,
        bold=True,
    )
    pen.text(
        (70, 1246),
        "相關不等於因果：離站近的套房也常較小，兩個變數彼此糾纏。",
        16,
        MUTED,
    )
    return pen.image()


def make_maze(n: int, seed: int):
    rng = random.Random(seed)
    walls = {
        ((x, y), (x + dx, y + dy))
        for x in range(n)
        for y in range(n)
        for dx, dy in ((1, 0), (0, 1))
        if x + dx < n and y + dy < n
    }
    seen, stack = {(0, 0)}, [(0, 0)]
    while stack:
        x, y = stack[-1]
        options = [
            (x + dx, y + dy)
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
            if 0 <= x + dx < n and 0 <= y + dy < n and (x + dx, y + dy) not in seen
        ]
        if not options:
            stack.pop()
            continue
        nxt = rng.choice(options)
        walls.discard(tuple(sorted([(x, y), nxt])))
        seen.add(nxt)
        stack.append(nxt)
    for wall in sorted(walls):
        if rng.random() < 0.08:  # open a few loops so that paths differ
            walls.discard(wall)
    return walls


def neighbours(cell, n, walls):
    x, y = cell
    for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1)):
        nxt = (x + dx, y + dy)
        if (
            0 <= nxt[0] < n
            and 0 <= nxt[1] < n
            and tuple(sorted([cell, nxt])) not in walls
        ):
            yield nxt


def search(n, walls, breadth_first: bool):
    start, goal = (0, 0), (n - 1, n - 1)
    came = {start: None}
    frontier = deque([start])
    visited = 0
    while frontier:
        cell = frontier.popleft() if breadth_first else frontier.pop()
        visited += 1
        if cell == goal:
            break
        for nxt in neighbours(cell, n, walls):
            if nxt not in came:
                came[nxt] = cell
                frontier.append(nxt)
    path, cell = [], goal
    while cell is not None:
        path.append(cell)
        cell = came[cell]
    return visited, path[::-1], set(came)


def maze_solver() -> Image.Image:
    n, cell, ox, oy = 30, 22, 40, 110
    walls = make_maze(n, 2026)
    bfs_visited, bfs_path, bfs_seen = search(n, walls, True)
    dfs_visited, dfs_path, _ = search(n, walls, False)
    width, height = 1000, 790
    pen = Pen(width, height)
    pen.text((40, 34), "迷宮最短路徑：BFS 與 DFS 的比較（撰寫中）", 26, INK, bold=True)
    pen.text(
        (40, 74),
        "30 × 30 隨機迷宮，左上角出發、右下角為終點；淺藍色為 BFS 走訪過的格子",
        15,
        MUTED,
    )
    for x, y in bfs_seen:
        pen.rect(
            (ox + x * cell, oy + y * cell, ox + (x + 1) * cell, oy + (y + 1) * cell),
            fill=(222, 236, 250),
        )
    for a, b in walls:
        (x1, y1), (x2, y2) = a, b
        if x1 != x2:
            pen.line(
                [
                    (ox + x2 * cell, oy + y1 * cell),
                    (ox + x2 * cell, oy + (y1 + 1) * cell),
                ],
                INK,
                2,
            )
        else:
            pen.line(
                [
                    (ox + x1 * cell, oy + y2 * cell),
                    (ox + (x1 + 1) * cell, oy + y2 * cell),
                ],
                INK,
                2,
            )
    pen.rect((ox, oy, ox + n * cell, oy + n * cell), outline=INK, width=3)
    centre = lambda c: (ox + c[0] * cell + cell / 2, oy + c[1] * cell + cell / 2)  # noqa: E731
    pen.line([centre(c) for c in dfs_path], (230, 126, 34), 2)
    pen.line([centre(c) for c in bfs_path], RED, 4)
    px = 740
    pen.text((px, 120), "結果", 20, INK, bold=True)
    rows = [
        ("", "BFS", "DFS"),
        ("走訪格數", str(bfs_visited), str(dfs_visited)),
        ("路徑長度", str(len(bfs_path) - 1), str(len(dfs_path) - 1)),
    ]
    for i, row in enumerate(rows):
        for j, value in enumerate(row):
            pen.text((px + j * 80, 170 + i * 40), value, 17, INK, bold=i == 0 or j == 0)
    pen.line([(px, 320), (px + 40, 320)], RED, 4)
    pen.text((px + 52, 320), "BFS 路徑（最短）", 15, INK, anchor="lm")
    pen.line([(px, 352), (px + 40, 352)], ORANGE, 2)
    pen.text((px + 52, 352), "DFS 路徑", 15, INK, anchor="lm")
    notes = [
        "待辦：",
        "・加入 A* 搜尋",
        "・換成 50 × 50 迷宮",
        "・比較三種方法的",
        "　執行時間",
    ]
    for i, note in enumerate(notes):
        pen.text((px, 420 + i * 30), note, 15, MUTED)
    maze_solver.stats = (bfs_visited, len(bfs_path) - 1, dfs_visited, len(dfs_path) - 1)
    return pen.image()


def moon_photo() -> Image.Image:
    width, height = 1000, 750
    img = gradient((width, height), (8, 12, 28), (22, 30, 54))
    draw = ImageDraw.Draw(img)
    rng = random.Random(42)
    for _ in range(260):
        x, y = rng.uniform(0, width), rng.uniform(0, height)
        b = rng.randint(90, 230)
        r = rng.choice([0.6, 0.8, 1.0, 1.4])
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(b, b, min(255, b + 20)))
    cx, cy, radius = 520, 380, 230
    moon = Image.new("L", (width, height), 0)
    mdraw = ImageDraw.Draw(moon)
    mdraw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=235)
    for _ in range(70):
        a, d = rng.uniform(0, 2 * math.pi), radius * math.sqrt(rng.uniform(0, 0.9))
        r = rng.uniform(4, 26)
        x, y = cx + d * math.cos(a), cy + d * math.sin(a)
        mdraw.ellipse((x - r, y - r, x + r, y + r), fill=rng.randint(196, 222))
    for x0, y0, w, h in [
        (cx - 60, cy - 150, 140, 110),
        (cx + 40, cy - 30, 120, 90),
        (cx - 10, cy + 70, 90, 70),
    ]:
        mdraw.ellipse((x0, y0, x0 + w, y0 + h), fill=182)  # maria
    lit = Image.new("L", (width, height), 0)
    ImageDraw.Draw(lit).rectangle((cx - 6, 0, width, height), fill=255)
    lit = lit.filter(ImageFilter.GaussianBlur(24))
    moon = Image.composite(moon, Image.new("L", moon.size, 0), lit).filter(
        ImageFilter.GaussianBlur(2.2)
    )
    glow = moon.filter(ImageFilter.GaussianBlur(30)).point(lambda v: v // 4)
    img = Image.composite(Image.new("RGB", img.size, (250, 246, 232)), img, glow)
    img = Image.composite(
        Image.merge("RGB", (moon, moon, moon.point(lambda v: int(v * 0.93)))),
        img,
        moon.point(lambda v: 255 if v > 20 else v * 12),
    )
    draw = ImageDraw.Draw(img)
    draw.text(
        (24, height - 44),
        "2024.11.09 上弦月　手機 + 口徑 80 mm 折射鏡",
        font=ImageFont.truetype(
            str(NOTO / "NotoSansCJK-Regular.ttc"), 18, index=TC_INDEX
        ),
        fill=(200, 204, 214),
    )
    return grain(img, 3, 0.03)


def contest_certificate() -> Image.Image:
    width, height = 1000, 707
    pen = Pen(width, height, (253, 248, 236))
    pen.rect((20, 20, width - 20, height - 20), outline=(178, 34, 34), width=6)
    pen.rect((36, 36, width - 36, height - 36), outline=(201, 162, 39), width=2)
    pen.text((width / 2, 110), "獎　　狀", 54, (160, 28, 28), bold=True, anchor="mm")
    lines = [
        "本校一年七班　林語晴　同學",
        "參加一一三學年度校內程式設計競賽",
        "成績優異，榮獲　第一名",
        "特頒獎狀，以資鼓勵",
    ]
    for i, row in enumerate(lines):
        pen.text(
            (width / 2, 220 + i * 66),
            row,
            30 if i != 2 else 34,
            INK,
            bold=i == 2,
            anchor="mm",
        )
    pen.text(
        (width / 2, 540), "臺北市立青嵐高級中學　校長　王志遠", 24, INK, anchor="mm"
    )
    pen.text((width / 2, 604), "中華民國一一三年十二月二十日", 22, INK, anchor="mm")
    pen.rect((780, 470, 880, 570), outline=(196, 40, 40), width=4)
    pen.text((830, 520), "青嵐\n高中", 20, (196, 40, 40), bold=True, anchor="mm")
    pen.text((width - 48, height - 46), "範例檔案", 14, (190, 180, 160), anchor="rm")
    return grain(pen.image(), 4, 0.02)


def light_curve() -> Image.Image:
    width, height = 1000, 560
    pen = Pen(width, height)
    pen.text((40, 26), "凌日光變曲線：原始資料與移動平均", 24, INK, bold=True)
    rng = random.Random(115)
    period, depth, duration, t0 = 3.52, 0.0095, 0.125, 1.1
    times = [i * 0.02 for i in range(500)]

    def model(t):
        phase = (t - t0) % period
        phase = min(phase, period - phase)
        if phase > duration / 2:
            return 1.0
        edge = duration / 2 - phase
        return 1.0 - depth * min(1.0, edge / 0.018)

    flux = [model(t) + rng.gauss(0, 0.0022) for t in times]
    smooth = [
        sum(flux[max(0, i - 3) : i + 4]) / len(flux[max(0, i - 3) : i + 4])
        for i in range(len(flux))
    ]
    ax = Axes(pen, (110, 100, 960, 470), (0, 10), (0.984, 1.006))
    ax.frame(
        [0, 2, 4, 6, 8, 10],
        [0.985, 0.99, 0.995, 1.0, 1.005],
        "時間（天）",
        "相對亮度",
        fmt=lambda v: f"{v:g}",
    )
    for t, f in zip(times, flux, strict=True):
        pen.circle(ax.xy(t, f), 1.6, fill=(150, 170, 200))
    pen.line([ax.xy(t, f) for t, f in zip(times, smooth, strict=True)], ACCENT, 2.2)
    x, y = ax.xy(t0 + period, 1 - depth)
    pen.line([(x + 14, y), (x + 70, y + 24)], RED, 1.5)
    pen.text((x + 76, y + 24), "深度 ≈ 0.95%", 16, RED, anchor="lm")
    pen.text(
        (960, 522), "資料：太空望遠鏡公開光變曲線（節錄 10 天）", 13, MUTED, anchor="rm"
    )
    return pen.image()


def string_lengths():
    """Lengths (m), measured and predicted fundamentals (Hz) of the string study."""
    speed = math.sqrt(2.85 * 9.8 / 4.0e-4)
    measured = {0.80: 163.8, 0.70: 187.2, 0.60: 218.9, 0.50: 261.5, 0.40: 326.0}
    return [(length, f, speed / (2 * length)) for length, f in measured.items()]


def science_fair_poster() -> Image.Image:
    width, height = 1000, 640
    pen = Pen(width, height, (248, 250, 252))
    pen.rect((0, 0, width, 90), fill=(20, 92, 98))
    pen.text(
        (30, 24),
        "弦上的駐波：以雷射量測弦振動的振幅分布",
        28,
        (255, 255, 255),
        bold=True,
    )
    pen.text(
        (30, 64),
        "臺北市中小學科學展覽會　高級中等學校組　物理與天文學科",
        14,
        (196, 230, 228),
    )
    rows = string_lengths()
    ax = Axes(pen, (90, 160, 470, 540), (1, 2.7), (150, 350))
    ax.frame(
        [1.0, 1.5, 2.0, 2.5],
        [150, 200, 250, 300, 350],
        "弦長的倒數 1/L（1/m）",
        "基頻（Hz）",
        fmt=lambda v: f"{v:g}",
    )
    xs = [1 / r[0] for r in rows]
    ys = [r[1] for r in rows]
    m, b, r = linear_fit(xs, ys)
    pen.line([ax.xy(1.1, m * 1.1 + b), ax.xy(2.6, m * 2.6 + b)], INK, 2)
    for x, y in zip(xs, ys, strict=True):
        pen.circle(ax.xy(x, y), 6, fill=ACCENT)
    pen.text(
        (110, 170),
        f"f = {m:.1f} × (1/L) {'+' if b >= 0 else '−'} {abs(b):.1f}",
        15,
        INK,
    )
    pen.text((110, 194), f"相關係數 r = {math.floor(r * 10000) / 10000:.4f}", 15, INK)
    ax2 = Axes(pen, (580, 160, 960, 540), (0, 60), (-1.2, 1.2))
    ax2.frame(
        [0, 15, 30, 45, 60],
        [-1, -0.5, 0, 0.5, 1],
        "沿弦位置（公分）",
        "相對振幅",
        fmt=lambda v: f"{v:g}",
    )
    curve = [(x / 2, math.sin(2 * math.pi * (x / 2) / 60)) for x in range(121)]
    pen.line([ax2.xy(x, y) for x, y in curve], ORANGE, 2.5)
    rng = random.Random(5)
    for x in range(0, 61, 5):
        y = math.sin(2 * math.pi * x / 60) + rng.gauss(0, 0.05)
        pen.circle(ax2.xy(x, y), 5, fill=INK)
    pen.text((600, 170), "第二諧音：理論曲線與雷射量測點", 15, INK)
    pen.text(
        (30, 604),
        "圖左：基頻與弦長倒數成正比。圖右：波節位置與理論相符，振幅最大處誤差約 5%。",
        15,
        MUTED,
    )
    return pen.image()


def reading_wall_photo() -> Image.Image:
    width, height = 1000, 667
    pen = Pen(width, height)
    pen.img = gradient((width * S, height * S), (236, 232, 222), (214, 208, 196))
    pen.draw = ImageDraw.Draw(pen.img)
    pen.rect(
        (70, 60, 930, 600), fill=(181, 136, 92), outline=(120, 84, 52), width=10
    )  # cork board
    rng = random.Random(11)
    for _ in range(900):
        x, y = rng.uniform(80, 920), rng.uniform(70, 590)
        pen.circle((x, y), rng.uniform(0.8, 2.2), fill=(160, 116, 76))
    pen.rect((330, 84, 670, 150), fill=(255, 255, 255), radius=4)
    pen.text(
        (500, 117), "二年七班　一週一書", 30, (40, 60, 110), bold=True, anchor="mm"
    )
    colors = [
        (255, 236, 150),
        (186, 226, 250),
        (255, 200, 200),
        (200, 240, 196),
        (236, 214, 255),
    ]
    books = [
        "《小王子》",
        "《人類大歷史》",
        "《費曼先生》",
        "《被討厭的勇氣》",
        "《解憂雜貨店》",
        "《演算法圖鑑》",
        "《玫瑰的名字》",
        "《蛤蟆先生》",
        "《原子習慣》",
        "《1984》",
        "《刺蝟的優雅》",
        "《少年Pi》",
    ]
    for i, book in enumerate(books):
        col, row = i % 4, i // 4
        x, y = (
            110 + col * 205 + rng.uniform(-10, 10),
            180 + row * 135 + rng.uniform(-8, 8),
        )
        card = Image.new("RGB", (170 * S, 110 * S), colors[i % len(colors)])
        cdraw = ImageDraw.Draw(card)
        cdraw.text((12 * S, 10 * S), book, font=font(17, True), fill=INK)
        for k in range(3):
            cdraw.line(
                (
                    12 * S,
                    (48 + k * 18) * S,
                    (150 - rng.uniform(0, 50)) * S,
                    (48 + k * 18) * S,
                ),
                fill=(120, 120, 130),
                width=2 * S,
            )
        card = card.rotate(
            rng.uniform(-5, 5),
            resample=Image.Resampling.BICUBIC,
            expand=True,
            fillcolor=(181, 136, 92),
        )
        pen.img.paste(card, (int(x * S), int(y * S)))
        pen.circle((x + 85, y + 6), 6, fill=(210, 50, 50))
    img = pen.image().filter(ImageFilter.GaussianBlur(0.8))
    return grain(img, 5)


def hackathon_photo() -> Image.Image:
    width, height = 1000, 667
    pen = Pen(width, height, (20, 22, 30))
    pen.rect((170, 60, 830, 430), fill=(236, 240, 246))  # projected screen
    pen.text((200, 84), "等車熱點地圖", 26, INK, bold=True)
    rng = random.Random(9)
    for i in range(9):
        pen.line([(200, 140 + i * 32), (800, 130 + i * 34)], (200, 206, 216), 2)
        pen.line([(220 + i * 66, 130), (200 + i * 70, 410)], (200, 206, 216), 2)
    heat = Image.new("RGBA", (width * S, height * S), (0, 0, 0, 0))
    hdraw = ImageDraw.Draw(heat)
    for _ in range(26):
        x, y, r = rng.uniform(240, 780), rng.uniform(150, 400), rng.uniform(10, 34)
        color = rng.choice(
            [(230, 70, 50, 150), (245, 160, 40, 140), (250, 220, 80, 120)]
        )
        hdraw.ellipse(((x - r) * S, (y - r) * S, (x + r) * S, (y + r) * S), fill=color)
    heat = heat.filter(ImageFilter.GaussianBlur(10 * S))
    pen.img.paste(heat, (0, 0), heat)
    pen.draw = ImageDraw.Draw(pen.img)
    audience = [(160, 40), (380, 52), (610, 46), (830, 58)]  # x and grey level
    for x, shade in audience:
        pen.ellipse((x - 70, 520, x + 70, 760), fill=(shade, shade, shade + 8))
        pen.circle((x, 500), 48, fill=(shade + 6, shade + 4, shade + 10))
    img = pen.image().filter(ImageFilter.GaussianBlur(1.4))
    light = Image.new("L", img.size, 0)
    ImageDraw.Draw(light).ellipse((80, -60, 920, 560), fill=255)
    light = light.filter(ImageFilter.GaussianBlur(80))
    img = Image.composite(img, Image.new("RGB", img.size, (10, 10, 14)), light)
    return grain(img, 6)


def projectile(v0, angle, drag, dt=0.002):
    vx, vy = v0 * math.cos(math.radians(angle)), v0 * math.sin(math.radians(angle))
    x = y = 0.0
    points = [(x, y)]
    while True:
        speed = math.hypot(vx, vy)
        vx += -drag * speed * vx * dt
        vy += (-9.8 - drag * speed * vy) * dt
        x, y = x + vx * dt, y + vy * dt
        if y < 0:
            points.append((x, 0.0))
            return points
        points.append((x, y))


def projectile_screenshot() -> Image.Image:
    width, height = 1000, 620
    pen = Pen(width, height, (250, 251, 253))
    browser_frame(pen, width, height, "example.org/projectile-lab/")
    pen.text((40, 66), "斜拋運動模擬器", 26, INK, bold=True)
    ax = Axes(pen, (80, 150, 700, 520), (0, 45), (0, 15))
    ax.frame(
        [0, 10, 20, 30, 40],
        [0, 5, 10, 15],
        "水平距離（m）",
        "高度（m）",
        fmt=lambda v: f"{v:g}",
    )
    traces = [(0.0, ACCENT, "無空氣阻力"), (0.02, ORANGE, "阻力係數 0.02")]
    ranges = []
    for drag, color, _ in traces:
        pts = projectile(20, 45, drag)
        pen.line([ax.xy(x, y) for x, y in pts[::10]] + [ax.xy(*pts[-1])], color, 3)
        ranges.append(pts[-1][0])
    pen.rect(
        (730, 120, 970, 560), fill=(255, 255, 255), outline=(214, 219, 226), radius=10
    )
    sliders = [
        ("初速", "20 m/s", 0.4),
        ("仰角", "45°", 0.5),
        ("空氣阻力係數", "0.02", 0.2),
    ]
    for i, (name, value, pos) in enumerate(sliders):
        y = 150 + i * 80
        pen.text((750, y), name, 15, INK)
        pen.text((950, y), value, 15, ACCENT, bold=True, anchor="ra")
        pen.rect((750, y + 36, 950, y + 42), fill=GRID, radius=3)
        pen.rect((750, y + 36, 750 + 200 * pos, y + 42), fill=ACCENT, radius=3)
        pen.circle(
            (750 + 200 * pos, y + 39), 9, fill=(255, 255, 255), outline=ACCENT, width=2
        )
    pen.text((750, 400), "射程比較", 15, INK, bold=True)
    for i, ((_, color, label), value) in enumerate(zip(traces, ranges, strict=True)):
        pen.line([(750, 440 + i * 34), (780, 440 + i * 34)], color, 3)
        pen.text((790, 440 + i * 34), f"{label}：{value:.1f} m", 14, INK, anchor="lm")
    pen.rect((750, 506, 950, 542), fill=ACCENT, radius=8)
    pen.text((850, 524), "發射", 16, (255, 255, 255), bold=True, anchor="mm")
    projectile_screenshot.ranges = ranges
    return pen.image()


# --------------------------------------------------------------------------
# PDFs

CSS = """
@page { size: A4; margin: 18mm 20mm 20mm;
  @bottom-center { content: "示範用檔案：學習歷程檔案產生器的範例內容，人物與情境均為虛構";
    font: 7.5pt Body; color: #9aa1ad; } }
body { font-family: Body; font-size: 10.5pt; line-height: 1.75; color: #212936; }
.kicker { color: #1b6ec2; font-size: 9.5pt; letter-spacing: .05em; }
h1 { font-size: 17pt; margin: 2pt 0 4pt; line-height: 1.35; }
h2 { font-size: 12pt; margin: 12pt 0 3pt; color: #1b4678; }
.meta { color: #687080; font-size: 9.5pt; border-bottom: 1.5pt solid #1b6ec2;
  padding-bottom: 6pt; margin-bottom: 10pt; }
p { margin: 0 0 6pt; text-align: justify; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0 8pt; font-size: 9.5pt; }
th, td { border: .6pt solid #b8c0cc; padding: 3pt 6pt; text-align: left; }
th { background: #eef2f7; }
td.n { text-align: right; }
pre { font-family: Mono, Body; font-size: 8.5pt; background: #f4f6f9;
  padding: 6pt 8pt; line-height: 1.45; }
.sign { text-align: right; margin-top: 18pt; }
.cert { text-align: center; font-size: 13pt; line-height: 2.2; margin-top: 30pt; }
.cert p { text-align: center; margin: 0; }
.cert h1 { font-size: 26pt; letter-spacing: .5em; color: #a01c1c; margin-bottom: 20pt; }
.note { color: #687080; font-size: 9pt; }
"""


def page(kicker: str, title: str, meta: str, body: str) -> str:
    return f"""<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8">
<title>{title}</title><meta name="author" content="林語晴"></head><body>
<div class="kicker">{kicker}</div><h1>{title}</h1><p class="meta">{meta}</p>
{body}</body></html>"""


def table(head, rows, numeric=()):
    cells = "".join(f"<th>{h}</th>" for h in head)
    out = [f"<table><tr>{cells}</tr>"]
    for row in rows:
        tds = "".join(
            f'<td class="n">{v}</td>' if i in numeric else f"<td>{v}</td>"
            for i, v in enumerate(row)
        )
        out.append(f"<tr>{tds}</tr>")
    return "".join(out) + "</table>"


def documents() -> dict[str, str]:
    """Every generated PDF: path under content/ -> HTML."""
    docs: dict[str, str] = {}
    student = "林語晴"

    docs["outcomes/ai-ethics-essay.pdf"] = page(
        "國語文｜議論文寫作｜113 學年度第 1 學期",
        "當演算法替我們做決定——人工智慧與責任",
        f"一年七班　{student}　　指導老師：周欣妤　　第三稿（定稿）2024 年 12 月 20 日",
        """
<p>一輛自動駕駛車在雨夜裡偵測到前方有行人，它必須在零點幾秒內決定煞車、轉向，或是維持原路。事故發生後，社會問的第一個問題往往不是「程式哪裡錯了」，而是「誰該負責」。我認為，在追究責任之前，我們更應該先要求：一個會影響人命的演算法，必須能說明自己為什麼這樣決定。</p>
<p>可解釋性之所以重要，是因為責任需要理由。法官判案要寫判決書，醫師開刀前要向病人說明風險；如果一套系統只能給出結果而說不出原因，受影響的人就失去了質疑與申訴的可能。責任無法落在一個沉默的黑盒子上。</p>
<p>反對者會說，越複雜的模型越準確，要求可解釋性等於犧牲安全。這個質疑有道理，但它把「解釋」想得太狹隘。可解釋不必是公開每一個參數，而是在事故發生後，能重建系統看見了什麼、考慮了哪些選項、依據什麼排序。航空業的飛航紀錄器並沒有讓飛機變得不安全，反而讓每一次失事都成為改進的起點。</p>
<p>因此，與其問人工智慧能不能替我們做決定，不如問：它做決定的方式，我們是否看得懂、查得到、改得了。在這三個條件成立之前，讓它獨自握著方向盤，不是信任，而是放棄。</p>
<p class="note">修改紀錄：初稿並列正反意見；第二稿確立「可解釋性」為核心；第三稿加入反方質疑並逐點回應。</p>
""",
    )

    docs["outcomes/english-debate-brief.pdf"] = page(
        "英語文｜辯論單元｜113 學年度第 2 學期",
        "Affirmative Case: Schools Should Restrict Smartphones in Class",
        f"Class 107　{student}（first speaker）　Teacher: Ms. Chang Wei-Ting　April 2025",
        """
<h2>Definition</h2>
<p>"Restrict" means phones are switched off and kept in lockers during lessons, while students may use them at lunch and after school. We do not argue for a total ban.</p>
<h2>Contention 1: Attention is a limited resource</h2>
<p>Ward and colleagues (2017) found that the mere presence of one's own smartphone on the desk reduced available working memory, even when the phone was face down and silent.</p>
<h2>Contention 2: Restrictions help the students who need it most</h2>
<p>Beland and Murphy (2016) studied schools in England and found that test scores rose after phone restrictions, with the largest gains among lower-achieving students.</p>
<h2>Contention 3: International guidance supports clear rules</h2>
<p>UNESCO's 2023 Global Education Monitoring Report recommended that technology in classrooms be used only when it clearly supports learning.</p>
<h2>Prepared rebuttals</h2>
"""
        + table(
            ["Likely attack", "Our answer"],
            [
                [
                    "Phones are learning tools.",
                    "Teachers can allow them for a task; the default is off, not forbidden.",
                ],
                [
                    "Students must learn self-control.",
                    "Self-control is built by habits; clear rules are how habits start.",
                ],
                [
                    "Parents need to reach their children.",
                    "The school office phone and break times remain available.",
                ],
            ],
        )
        + '<p class="note">Reflection: in the debate the opposition asked whether a rule can replace trust. I answered too slowly; next time I will prepare one sentence for each value clash, not only for facts.</p>',
    )

    docs["outcomes/binary-search-visualizer/report.pdf"] = page(
        "資訊科技｜期末專題｜113 學年度第 2 學期",
        "二分搜尋視覺化網頁　專題報告",
        f"一年七班　{student}　　指導老師：吳冠廷　　2025 年 6 月",
        """
<h2>一、目標</h2>
<p>讓第一次學二分搜尋的同學，能一步一步看見左界 L、右界 H 與中間值 M 的變化，並理解它為什麼比線性搜尋快。</p>
<h2>二、功能</h2>
<p>輸入目標值後，可用「上一步／下一步」逐步播放；每一步都以文字說明比較的結果，右側同時統計二分搜尋與線性搜尋的比較次數。</p>
<h2>三、實作重點</h2>
<pre>function binarySearch(arr, target) {
  let low = 0, high = arr.length - 1;
  while (low &lt;= high) {
    const mid = Math.floor((low + high) / 2);
    record(low, mid, high);        // 記下這一步，讓畫面播放
    if (arr[mid] === target) return mid;
    if (arr[mid] &lt; target) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}</pre>
<p>搜尋本身只有十行，真正花時間的是 <code>record()</code>：把每一步的狀態存成陣列，畫面才能倒帶。</p>
<h2>四、測試與修正</h2>
"""
        + table(
            ["問題", "發現方式", "修正"],
            [
                [
                    "找不到目標時迴圈不會停",
                    "在紙上模擬 [1, 3, 5] 找 4",
                    "把 high = mid 改為 high = mid − 1",
                ],
                [
                    "顏色太多，看不出重點",
                    "五位同學試用回饋",
                    "只保留 L、H 藍色與 M 橘色",
                ],
                [
                    "按鈕意義不清",
                    "同學試用時按錯",
                    "改為「上一步／下一步／重設」並加上鍵盤快捷鍵",
                ],
            ],
        )
        + """
<h2>五、反思</h2>
<p>邊界錯誤讓我學到：程式「看起來對」和「證明是對的」之間有一段距離。之後寫迴圈，我都會先問自己三件事：初始值、停止條件、每一輪範圍有沒有縮小。</p>""",
    )

    docs["outcomes/standing-wave-strings/report.pdf"] = _string_report(student)

    docs["outcomes/bike-share-survey.pdf"] = page(
        "探究與實作：地理與人文社會科學研究｜114 學年度第 1 學期",
        "早上的單車去哪了？捷運站周邊公共自行車借還調查",
        f"二年七班　{student}、陳柏宇、張以安　　指導老師：蔡佩珊　　2025 年 12 月",
        """
<h2>研究問題</h2>
<p>上學途中常遇到捷運站旁的公共自行車站「無車可借」。我們想知道：借還失衡是否與站點周邊的土地使用有關？在什麼時段最嚴重？</p>
<h2>方法</h2>
<p>選取住宅區、商辦區、學校周邊三類站點各一處，於 2025 年 10 月 13 日至 24 日的十個上學日，在 07:30 與 18:30 兩個時段記錄可借車輛數（站點容量皆為 30 格），並於週末訪談 24 位使用者。</p>
<h2>結果</h2>
"""
        + table(
            ["站點類型", "07:30 平均可借", "18:30 平均可借", "無車可借的次數"],
            [
                ["住宅區", "2.1", "14.6", "7 / 10"],
                ["商辦區", "17.8", "1.4", "6 / 10（傍晚）"],
                ["學校周邊", "9.3", "6.2", "0 / 10"],
            ],
            numeric=(1, 2),
        )
        + """
<h2>發現與建議</h2>
<p>住宅區早上被借空、商辦區傍晚被借空，呈現明顯的「潮汐」流動；學校周邊因上下學雙向移動而較平衡。我們建議調度車於 06:30–07:15 優先補車至住宅區站點，並在 17:00 前把商辦區多餘的車移往住宅區。</p>
<h2>研究限制</h2>
<p>調查只有十天，也未涵蓋雨天；站點各只有一處，無法代表全市。下一步希望取得營運單位的歷史資料，驗證這個模式是否穩定。</p>""",
    )

    docs["outcomes/price-elasticity.pdf"] = page(
        "選修公民與社會－現代社會與經濟｜114 學年度第 2 學期",
        "手搖飲漲價五元，銷量少了多少？",
        f"二年七班　{student}　　指導老師：劉建宏　　2026 年 5 月 22 日",
        """
<h2>研究方法</h2>
<p>以線上問卷詢問全校同學在不同價格下，每週預計購買珍珠奶茶與無糖綠茶的杯數，回收有效問卷 212 份。需求價格彈性以中點法計算：彈性 ＝ |數量變動百分比 ÷ 價格變動百分比|。</p>
<h2>結果</h2>
"""
        + table(
            ["品項", "價格變動", "每週平均杯數", "數量變動", "價格彈性"],
            [
                ["珍珠奶茶", "55 → 60 元", "1.90 → 1.78", "−6.5%", "0.75（缺乏彈性）"],
                ["無糖綠茶", "35 → 40 元", "1.60 → 1.28", "−22.2%", "1.67（富有彈性）"],
            ],
        )
        + """
<h2>討論</h2>
<p>無糖綠茶有超商茶飲、自備水壺等替代品，同學對價格較敏感；珍珠奶茶則帶有「犒賞自己」的習慣性消費，漲價後多數人仍願意購買。這與課本「替代品越多，需求彈性越大」的說法一致。</p>
<h2>反思與限制</h2>
<p>問卷測的是「說出來的意願」，不是實際行為。有 31 位同學在開放題寫道「嘴巴說不買，但應該還是會買」。若能與店家合作取得實際銷售資料，結論會更可靠。</p>""",
    )

    docs["outcomes/rc-circuit-time-constant/report.pdf"] = page(
        "選修物理－電磁現象一｜115 學年度第 1 學期",
        "RC 電路充放電：用 Arduino 量測時間常數",
        f"三年七班　{student}　　指導老師：鄭宏達　　2026 年 10 月 30 日（送交認證）",
        """
<h2>目的</h2>
<p>驗證電容放電時電壓隨時間呈指數衰減 V(t) = V₀e<sup>−t/RC</sup>，並比較量測的時間常數與 RC 的理論值。</p>
<h2>器材與方法</h2>
<p>電阻 10 kΩ（±5%）、電解電容 470 μF（±20%）、Arduino Uno、麵包板。先將電容充電至 5 V，再切換為經電阻放電，以類比輸入每 10 毫秒讀取一次電壓，共記錄 20 秒。</p>
<h2>分析</h2>
<p>取 ln(V/V₀) 對時間作圖，以最小平方法擬合直線，斜率為 −0.2217 s⁻¹，決定係數 R² = 0.998。</p>
"""
        + table(
            ["項目", "數值"],
            [
                ["理論時間常數 RC", "4.70 s"],
                ["量測時間常數（斜率倒數）", "4.51 s"],
                ["相對差異", "−4.0%"],
            ],
            numeric=(1,),
        )
        + """
<h2>討論</h2>
<p>電容的標示容許誤差高達 ±20%，4% 的差異落在元件本身的不確定範圍內。另以三用電表量得電阻為 9.86 kΩ，若代入實際電阻，差異降為 −2.7%，其餘可能來自電容實際容量偏低與 Arduino 輸入端的漏電流。</p>""",
    )

    docs["performances/library-volunteer.pdf"] = page(
        "服務學習時數證明",
        "青嵐社區兒童圖書室　志工服務證明",
        "證明日期：中華民國 114 年 1 月 20 日",
        f"""
<p>茲證明臺北市立青嵐高級中學 {student} 同學，於 2024 年 7 月 20 日至 2025 年 1 月 18 日期間，擔任本室「週六繪本時光」說故事志工，共服務 12 次，合計 24 小時。</p>
"""
        + table(
            ["月份", "繪本主題", "延伸活動"],
            [
                [
                    "2024 年 7–8 月",
                    "《好餓的毛毛蟲》《月亮，晚安》",
                    "星期與數字配對卡",
                ],
                ["2024 年 9–10 月", "《好想吃榴槤》《小黑魚》", "合作拼貼大魚"],
                [
                    "2024 年 11–12 月",
                    "《我的錯都是大人的錯？》《誰偷了我的名字》",
                    "情緒卡片分享",
                ],
                ["2025 年 1 月", "《爺爺一定有辦法》", "舊衣改造小書套"],
            ],
        )
        + """
<p>服務期間準時出席、備課認真，能依孩子年齡調整導讀方式，深受家長與孩子喜愛。特此證明。</p>
<p class="sign">青嵐社區兒童圖書室　負責人　陳美玲</p>""",
    )

    docs["performances/gept-intermediate.pdf"] = page(
        "檢定證照｜成績摘要（學生自行整理，正式證明以成績單正本為準）",
        "全民英檢中級　成績摘要",
        f"{student}　　初試 2025 年 3 月　　複試 2025 年 5 月 17 日",
        table(
            ["階段", "項目", "成績", "通過標準"],
            [
                ["初試", "聽力", "92", "總分 160 且單項不低於 72"],
                ["初試", "閱讀", "94", ""],
                ["複試", "寫作", "84", "各 80（滿分 100）"],
                ["複試", "口說", "88", ""],
            ],
            numeric=(2,),
        )
        + """
<h2>準備方式與心得</h2>
<p>我用三個月的時間準備：每天通勤時聽一段英語新聞並做摘要，週末寫一篇 150 字短文請英文老師批改。寫作分數最低，問題多半出在段落之間缺乏連接詞，之後我刻意練習用 however、as a result 等轉折讓論點更連貫。</p>""",
    )

    docs["performances/coding-tutor-service/certificate.pdf"] = page(
        "服務學習證明",
        "社團法人星火教育協會　志工服務證明",
        "證明日期：中華民國 114 年 8 月 20 日",
        f"""
<p>茲證明 {student} 同學於 2025 年 7 月 7 日至 8 月 15 日，擔任本會「暑期線上程式探索營」助教，負責八位國中學員之課後答疑與作業回饋，合計服務 36 小時。</p>
"""
        + table(
            ["週次", "課程主題", "助教工作"],
            [
                ["第 1–2 週", "Scratch 事件與迴圈", "一對一協助安裝環境、批改闖關作業"],
                ["第 3–4 週", "Python 變數與條件判斷", "每晚線上答疑 1 小時"],
                ["第 5 週", "Python 串列與迴圈", "整理「除錯檢查表」供學員使用"],
                ["第 6 週", "期末小遊戲發表", "協助學員排練與錄影"],
            ],
        )
        + """
<p>其所整理之「除錯檢查表」條理清楚，已由本會採用為下期課程教材。特此證明。</p>
<p class="sign">社團法人星火教育協會　課程組</p>""",
    )

    docs["performances/game-theory-microcourse.pdf"] = page(
        "彈性學習時間｜微課程「生活中的賽局理論」｜113 學年度第 2 學期",
        "期末作業：排隊買飲料的賽局",
        f"{student}　　授課教師：劉建宏　　2025 年 4 月 23 日",
        """
<h2>情境</h2>
<p>午休鐘響，校門口只有一家飲料店。兩位同學各自決定要「鐘響就衝」還是「晚十分鐘再去」。都衝的話大家一起排長隊；都晚去則不用排，但可能賣完人氣品項。</p>
"""
        + table(
            ["", "B 鐘響就衝", "B 晚十分鐘"],
            [
                ["A 鐘響就衝", "（2, 2）一起排長隊", "（4, 1）A 最快拿到"],
                ["A 晚十分鐘", "（1, 4）B 最快拿到", "（3, 3）不用排隊"],
            ],
        )
        + """
<h2>分析</h2>
<p>不論對方怎麼選，「鐘響就衝」對自己都比較好，因此（衝, 衝）是奈許均衡；但兩人都晚去的（3, 3）其實對雙方更好——這正是囚犯困境的結構。</p>
<h2>課堂實測</h2>
<p>全班 34 人匿名選擇。單次決策時有 71% 選擇「衝」；允許討論並重複五輪後，選擇「衝」的比例降到 44%。可見重複互動與溝通能讓合作出現。</p>""",
    )

    docs["performances/exoplanet-self-study/report.pdf"] = page(
        "彈性學習時間｜自主學習計畫與成果｜114 學年度第 1 學期",
        "用 Python 分析系外行星的凌日光變曲線",
        f"二年七班　{student}　　指導老師：鄭宏達（物理）　　2025 年 9 月 – 2026 年 1 月",
        """
<h2>動機與目標</h2>
<p>天文社觀測時聽學長說「行星經過恆星前面，星光會變暗一點點」。我想知道，只靠公開的亮度資料，一個高中生能不能算出那顆行星有多大。</p>
<h2>進度</h2>
"""
        + table(
            ["週次", "內容", "產出"],
            [
                ["1–4", "學習 Python、NumPy 與資料視覺化", "練習筆記 6 篇"],
                ["5–8", "下載公開光變曲線、處理缺值與離群值", "資料清理程式"],
                ["9–12", "移動平均去除雜訊、摺疊週期", "光變曲線圖"],
                ["13–16", "估算凌日深度與行星半徑、與文獻比較", "分析結果"],
                ["17–18", "撰寫報告、公開程式碼、在社團分享", "本報告與簡報"],
            ],
        )
        + """
<h2>結果</h2>
<p>以七點移動平均處理後，量得凌日深度約 0.95%，故行星與恆星的半徑比約為 √0.0095 ≈ 0.097。代入目錄中的恆星半徑 1.16 倍太陽半徑，估得行星半徑約 1.10 倍木星半徑，與文獻值 1.19 倍相差約 8%。</p>
<h2>反思</h2>
<p>誤差主要來自凌日邊緣被移動平均「抹平」，使深度被低估。我原本以為雜訊越少越好，後來才理解平滑也會吃掉訊號——資料處理的每一步都要問：它改變了什麼？</p>""",
    )

    docs["performances/apcs-exam.pdf"] = page(
        "檢定證照｜成績摘要（學生自行整理，正式證明以成績通知為準）",
        "大學程式設計先修檢測（APCS）成績摘要",
        f"{student}　　檢測日期：2025 年 10 月 26 日",
        table(
            ["科目", "分數", "級分"],
            [
                ["程式設計觀念題", "78 / 100", "4"],
                ["程式設計實作題", "280 / 400", "4"],
            ],
            numeric=(1, 2),
        )
        + table(
            ["實作題", "主題", "得分"],
            [
                ["第 1 題", "字串處理", "100"],
                ["第 2 題", "二維陣列模擬", "100"],
                ["第 3 題", "貪婪法與排序", "60"],
                ["第 4 題", "動態規劃", "20"],
            ],
            numeric=(2,),
        )
        + """
<h2>檢討</h2>
<p>第 3 題只想到排序後逐一比較，時間複雜度 O(n²) 在大測資逾時；第 4 題看出是動態規劃，卻寫不出狀態轉移。考後我把歷屆動態規劃題整理成一份筆記，從「定義狀態、寫出轉移、決定順序」三步練起。</p>""",
    )

    docs[
        "performances/city-science-fair/certificate.pdf"
    ] = f"""<!doctype html><html lang="zh-Hant"><head><meta charset="utf-8">
<title>獎狀</title></head><body><div class="cert"><h1>獎狀</h1>
<p>臺北市立青嵐高級中學　{student}、陳柏宇、張以安　同學</p>
<p>作品「弦上的駐波：以雷射量測弦振動的振幅分布」</p>
<p>參加臺北市中小學科學展覽會</p>
<p>高級中等學校組　物理與天文學科</p>
<p>榮獲　<b>佳作</b></p><p>特頒獎狀，以資鼓勵</p>
<p style="margin-top:30pt">中華民國一一五年三月二十八日</p></div></body></html>"""

    docs["performances/ntu-prep-course.pdf"] = page(
        "大學先修課程｜修課證明（範例）",
        "高中生先修課程　修課證明",
        "國立臺灣大學　　開課期間：2026 年 2 月 21 日 – 6 月 13 日（每週六上午）",
        table(
            ["項目", "內容"],
            [
                ["修課學生", f"{student}（臺北市立青嵐高級中學）"],
                ["課程名稱", "計算機程式設計"],
                ["學分數", "2"],
                ["上課時數", "16 週，共 48 小時"],
                ["作業與專題", "程式作業 12 份、期末專題 1 份（文字冒險遊戲）"],
                ["學期成績", "A-"],
            ],
        )
        + """
<h2>學生學習摘要</h2>
<p>第一次接觸 C 語言，最難的是指標與記憶體配置：期末專題曾因忘記釋放記憶體而讓程式越跑越慢。助教建議使用記憶體檢查工具，我才學會讀懂英文錯誤訊息、一步一步追到問題所在。</p>""",
    )

    docs["performances/software-internship.pdf"] = page(
        "職場學習紀錄表",
        "晴川數位科技股份有限公司　暑期職場體驗",
        f"{student}　　2026 年 8 月 17 日 – 8 月 21 日　　共 30 小時　　帶領人：品質保證組 黃子軒",
        table(
            ["日期", "學習內容"],
            [
                ["8/17", "認識軟體開發流程、參加每日站立會議"],
                ["8/18", "學習撰寫測試案例：輸入、步驟、預期結果"],
                ["8/19", "實際測試活動報名表單，在手機上找到兩個版面錯位問題"],
                ["8/20", "學習在議題追蹤系統回報錯誤，附上重現步驟與截圖"],
                ["8/21", "向工程師簡報測試結果、回饋與心得分享"],
            ],
        )
        + """
<h2>心得</h2>
<p>我原本以為工程師整天都在寫程式，其實很多時間花在溝通：一則好的錯誤回報要讓沒看過問題的人也能重現。帶領人說：「寫不清楚的 bug 等於沒有回報。」這句話我會一直記得。</p>
<p class="sign">帶領人簽章：黃子軒　　單位：品質保證組</p>""",
    )

    docs["performances/student-council-proposal.pdf"] = page(
        "學生議會｜提案單",
        "提案：教室冷氣用電即時看板",
        f"提案人：三年七班 {student}　　連署：42 人　　2026 年 10 月 16 日",
        """
<h2>案由</h2>
<p>本校教室冷氣採儲值卡計費，但同學無從得知每天用了多少電，常在放學後忘記關機。建請於教室設置用電即時看板，讓用電「看得見」。</p>
<h2>說明</h2>
"""
        + table(
            [
                "月份（2026 年）",
                "高三七個班平均每班每月用電（度）",
                "放學後仍開機的天數比例",
            ],
            [
                ["7 月（暑輔）", "412", "38%"],
                ["8 月", "455", "41%"],
                ["9 月", "430", "35%"],
            ],
            numeric=(1, 2),
        )
        + """
<p>問卷（回收 186 份）顯示，78% 的同學願意在看得到用電量時主動關機。</p>
<h2>辦法</h2>
<p>先由總務處於兩個班級試辦一個月，以電表讀數顯示於教室門口小螢幕；試辦結束後比較用電量，再決定是否推廣。</p>
<h2>決議</h2>
<p>2026 年 11 月 6 日第三次學生議會常會表決通過（贊成 31、反對 2、棄權 4），送總務處研議試辦。</p>""",
    )
    return docs


def _string_report(student: str) -> str:
    rows = []
    for length, measured, predicted in string_lengths():
        error = (measured - predicted) / predicted * 100
        rows.append(
            [
                f"{length * 100:.0f}",
                f"{predicted:.1f}",
                f"{measured:.1f}",
                f"{error:+.1f}%",
            ]
        )
    return page(
        "自然科學探究與實作｜114 學年度第 1 學期",
        "弦長與音高：以駐波模型驗證吉他弦的振動頻率",
        f"二年七班　{student}、陳柏宇、張以安　　指導老師：鄭宏達　　2026 年 1 月",
        """
<h2>研究問題與假設</h2>
<p>按住吉他弦越靠近琴身，聲音越高。若弦兩端固定形成駐波，基頻應為 f = (1/2L)·√(T/μ)，即在張力 T 與線密度 μ 不變時，頻率與弦長 L 成反比。</p>
<h2>器材與方法</h2>
<p>在木板上架設鋼弦（μ = 4.0 × 10⁻⁴ kg/m），一端繞過滑輪懸掛 2.85 kg 砝碼維持張力。以活動琴橋改變弦長，撥弦後用手機錄音，再以頻譜分析軟體讀出基頻；每個弦長重複五次取平均。</p>
<h2>結果（改用固定砝碼後）</h2>
"""
        + table(
            ["弦長（cm）", "理論基頻（Hz）", "量測基頻（Hz）", "誤差"],
            rows,
            numeric=(0, 1, 2, 3),
        )
        + """
<h2>討論</h2>
<p>第一輪實驗以弦鈕調整張力，誤差最高達 6%，且越做越偏低——原來弦在反覆撥動後會慢慢鬆弛。改用懸掛砝碼後，張力固定，所有誤差都降到 2% 以內。量測值普遍略低於理論值，推測是弦本身的剛性與琴橋接觸點不夠尖銳，使有效弦長略大於量得的長度。</p>
<h2>結論</h2>
<p>基頻與弦長倒數呈線性關係（相關係數 0.999 以上），駐波模型能準確描述弦的振動。附件錄音為弦長 60 公分時的撥弦聲。</p>""",
    )


def subset_fonts(texts: list[str], folder: Path) -> str:
    """Subset the CJK font to one document's characters.

    WeasyPrint's own subset of the CFF-based Noto CJK keeps most of the font,
    which makes even a one-line PDF about 200 KB; a subset made first is tiny.
    """
    chars = set("".join(texts)) | {chr(c) for c in range(32, 127)}
    faces = []
    for family, name, weight in [
        ("Body", "NotoSansCJK-Regular.ttc", 400),
        ("Body", "NotoSansCJK-Bold.ttc", 700),
    ]:
        options = subset.Options()
        options.desubroutinize = True
        options.layout_features = []
        options.hinting = False
        options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
        options.notdef_outline = True
        face = TTFont(
            str(NOTO / name), fontNumber=TC_INDEX, lazy=True, recalcTimestamp=False
        )
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(chars)))
        subsetter.subset(face)
        out = folder / f"{family}-{weight}.otf"
        face.save(str(out))
        faces.append(
            f'@font-face {{ font-family: {family}; font-weight: {weight}; src: url("{out.as_uri()}"); }}'
        )
    mono = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if mono.exists():
        faces.append(
            f'@font-face {{ font-family: Mono; src: url("{mono.as_uri()}"); }}'
        )
    return "\n".join(faces)


def make_pdfs(root: Path) -> None:
    import weasyprint  # imported late: the images do not need it
    from weasyprint.text.fonts import FontConfiguration

    # A fixed folder: WeasyPrint names embedded fonts after their path, so a
    # random temporary folder would make every run's PDFs differ.
    fonts_dir = Path(tempfile.gettempdir()) / "make-example-evidence-fonts"
    fonts_dir.mkdir(exist_ok=True)
    try:
        for rel, html in documents().items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            fonts = FontConfiguration()
            faces = subset_fonts([html, CSS], fonts_dir)
            stylesheet = weasyprint.CSS(string=faces + CSS, font_config=fonts)
            weasyprint.HTML(string=html, base_url=str(root)).write_pdf(
                target, stylesheets=[stylesheet], font_config=fonts
            )
    finally:
        shutil.rmtree(fonts_dir, ignore_errors=True)


# --------------------------------------------------------------------------
# sound


def make_pluck(target: Path) -> None:
    """A 2.5-second plucked string at 218.9 Hz (the measured fundamental at 60 cm)."""
    lame = shutil.which("lame")
    if lame is None:
        if target.exists():
            print(f"lame not found; keeping {target}")
            return
        raise SystemExit("lame is needed to make the MP3: apt-get install lame")
    rate, seconds, f0 = 22050, 2.5, 218.9
    frames = bytearray()
    for i in range(int(rate * seconds)):
        t = i / rate
        attack = min(1.0, t / 0.004)
        value = sum(
            math.sin(2 * math.pi * f0 * k * t) * math.exp(-t * (1.2 + 0.9 * k)) / k
            for k in range(1, 7)
        )
        sample = int(max(-1.0, min(1.0, 0.45 * attack * value)) * 32767)
        frames += sample.to_bytes(2, "little", signed=True)
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "pluck.wav"
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(rate)
            out.writeframes(bytes(frames))
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                lame,
                "--quiet",
                "-m",
                "m",
                "-b",
                "48",
                "--id3v2-only",
                "--tt",
                "Plucked string, L = 60 cm",
                "--ta",
                "Lin Yu-Ching",
                str(wav),
                str(target),
            ],
            check=True,
        )


# --------------------------------------------------------------------------


def main(argv: list[str]) -> None:
    root = (
        Path(argv[1])
        if len(argv) > 1
        else Path(__file__).resolve().parents[1] / "content"
    )
    jpegs = {
        "portrait.jpg": portrait,
        "outcomes/standing-wave-strings/setup.jpg": string_setup_photo,
        "performances/astronomy-club/moon.jpg": moon_photo,
        "performances/school-programming-contest.jpg": contest_certificate,
        "performances/academic-officer/reading-wall.jpg": reading_wall_photo,
        "performances/open-data-hackathon/team.jpg": hackathon_photo,
    }
    pngs = {
        "outcomes/binary-search-visualizer/screenshot.png": binary_search_screenshot,
        "outcomes/regression-rent-data/poster.png": rent_poster,
        "outcomes/maze-solver-bfs.png": maze_solver,
        "performances/exoplanet-self-study/lightcurve.png": light_curve,
        "performances/city-science-fair/poster.png": science_fair_poster,
        "performances/projectile-sim-web/screenshot.png": projectile_screenshot,
    }
    for rel, draw in jpegs.items():
        save_jpeg(draw(), root / rel)
    for rel, draw in pngs.items():
        save_png(draw(), root / rel)
    make_pdfs(root)
    make_pluck(root / "outcomes/standing-wave-strings/tone.mp3")

    # Numbers the Markdown texts quote, printed so they can be kept in step.
    rows = rent_data()
    print(
        "rent: distance fit",
        [
            round(v, 3)
            for v in linear_fit([r[0] for r in rows], [r[2] / 1000 for r in rows])
        ],
    )
    print(
        "rent: area fit",
        [
            round(v, 3)
            for v in linear_fit([r[1] for r in rows], [r[2] / 1000 for r in rows])
        ],
    )
    print("maze: bfs visited, bfs length, dfs visited, dfs length", maze_solver.stats)
    print("projectile ranges", [round(v, 1) for v in projectile_screenshot.ranges])


if __name__ == "__main__":
    main(sys.argv)
