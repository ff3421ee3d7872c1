"""The scenes a demo photo can show. Each painter draws on a canvas with a seeded
random.Random and returns the focal box as fractions of the canvas (x, y, width, height).
"""

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from .drawing import (
    DAYLIGHTS,
    LIGHTS,
    fill_below,
    glow,
    gradient,
    hills,
    mix,
    ridge,
    sea,
    shade,
    sky,
    windows,
)


def paint_harbour(img, rng):
    light = rng.choice(DAYLIGHTS)
    w, h = img.size
    horizon = h * rng.uniform(0.5, 0.6)
    sun = sky(img, rng, light, horizon)
    haze = LIGHTS[light][1]
    far_shore = mix((60, 70, 80), haze, 0.6)
    fill_below(ImageDraw.Draw(img), ridge(rng, w, horizon, h * 0.04), horizon + 2, far_shore)
    sea(img, rng, light, horizon, sun)
    x0, x1 = (0, w * 0.45) if rng.random() < 0.5 else (w * 0.55, w)
    quay(img, rng, (x0, x1), horizon, haze)
    cranes(img, rng, (x0, x1), horizon, haze)
    return ((x0 + x1) / 2 / w - 0.15, 0.25, 0.3, 0.35)


def quay(img, rng, span, horizon, haze):
    """A quay with containers stacked one to four high."""
    draw = ImageDraw.Draw(img)
    h = img.size[1]
    x0, x1 = span
    draw.rectangle(
        (x0, horizon - h * 0.02, x1, horizon + h * 0.05),
        fill=shade(mix((50, 55, 60), haze, 0.3), 0.8),
    )
    palette = [(170, 70, 50), (60, 100, 140), (190, 150, 60), (80, 120, 90), (140, 140, 140)]
    x = x0 + 10
    while x < x1 - 30:
        width = rng.uniform(18, 34)
        for level in range(rng.randint(1, 4)):
            y = horizon - h * 0.02 - (level + 1) * 10
            draw.rectangle((x, y, x + width, y + 9), fill=mix(rng.choice(palette), haze, 0.35))
        x += width + 2


def cranes(img, rng, span, horizon, haze):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    x0, x1 = span
    colour = mix((40, 44, 50), haze, 0.2)
    for i in range(3):
        x = x0 + (x1 - x0) * (0.2 + 0.3 * i)
        top = horizon - h * rng.uniform(0.25, 0.38)
        draw.line((x, horizon - h * 0.02, x, top), fill=colour, width=4)
        draw.line((x - w * 0.04, top, x + w * 0.12, top + 4), fill=colour, width=3)
        draw.line((x, top - 14, x + w * 0.1, top + 4), fill=colour, width=1)


def paint_city(img, rng, light=None):
    light = light or rng.choice(DAYLIGHTS)
    w, h = img.size
    horizon = h * rng.uniform(0.62, 0.75)
    sky(img, rng, light, h)
    draw = ImageDraw.Draw(img)
    haze, lit = LIGHTS[light][1], LIGHTS[light][3]
    stone = rng.choice([(70, 74, 86), (88, 80, 76), (60, 70, 78)])
    tallest = (0.5, 0.3)
    for layer in range(3):
        colour = mix(shade(stone, 0.6 + 0.2 * layer), haze, 0.6 - 0.25 * layer)
        x = rng.uniform(-30, 0)
        while x < w:
            bw = rng.uniform(w * 0.04, w * 0.1)
            top = horizon - h * rng.uniform(0.08, 0.45) * (1.2 - 0.25 * layer)
            box = (x, top, x + bw, h)
            draw.rectangle(box, fill=colour)
            if layer == 2 and rng.random() < 0.3:
                draw.rectangle((x + bw * 0.4, top - 16, x + bw * 0.45, top), fill=colour)
            windows(draw, rng, box, lit * 0.5 + 0.05 * layer, colour)
            if top < tallest[1] * h:
                tallest = ((x + bw / 2) / w, top / h)
            x += bw + rng.uniform(0, 8)
    street = shade(stone, 0.35)
    draw.rectangle((0, h * 0.92, w, h), fill=street)
    cx, top = tallest
    return (max(0.0, cx - 0.15), max(0.0, top - 0.05), 0.3, 0.5)


def paint_night_city(img, rng):
    return paint_city(img, rng, "night")


def paint_hills(img, rng):
    light = rng.choice(DAYLIGHTS)
    h = img.size[1]
    horizon = h * rng.uniform(0.45, 0.6)
    sun = sky(img, rng, light, horizon)
    hills(img, rng, light, horizon, layers=4)
    if sun:
        return (sun[0] / img.size[0] - 0.15, 0.1, 0.3, 0.5)
    return (0.3, 0.3, 0.4, 0.4)


def paint_night_sky(img, rng):
    w, h = img.size
    img.paste(gradient((w, h), (6, 10, 28), (34, 44, 78)), (0, 0))
    band = Image.new("L", img.size, 0)
    x = rng.uniform(0.2, 0.8) * w
    ImageDraw.Draw(band).line((x - w * 0.3, h, x + w * 0.3, 0), fill=70, width=round(w * 0.12))
    img.paste(
        Image.new("RGB", img.size, (150, 150, 190)),
        mask=band.filter(ImageFilter.GaussianBlur(w * 0.05)),
    )
    draw = ImageDraw.Draw(img)
    for _ in range(700):
        sx, sy = rng.uniform(0, w), rng.uniform(0, h * 0.8)
        level = rng.randint(120, 255)
        size = 1.2 if rng.random() < 0.08 else 0.4
        draw.ellipse(
            (sx - size, sy - size, sx + size, sy + size), fill=(level, level, min(255, level + 20))
        )
    ground = (10, 12, 18)
    fill_below(draw, ridge(rng, w, h * 0.82, h * 0.05), h, ground)
    dome_x, dome_y, r = rng.uniform(0.2, 0.8) * w, h * 0.8, w * 0.025
    draw.pieslice(
        (dome_x - r, dome_y - r * 1.5, dome_x + r, dome_y + r * 0.5), 180, 360, fill=ground
    )
    draw.rectangle((dome_x - r, dome_y - r * 0.5, dome_x + r, dome_y + r), fill=ground)
    return (dome_x / w - 0.15, 0.45, 0.3, 0.45)


def paint_farmland(img, rng):
    light = rng.choice(["day", "golden", "golden", "overcast"])
    w, h = img.size
    horizon = h * rng.uniform(0.4, 0.5)
    sky(img, rng, light, horizon)
    hills(img, rng, light, horizon, layers=2)
    draw = ImageDraw.Draw(img)
    crop_a, crop_b = rng.choice(
        [
            ((120, 150, 60), (150, 170, 80)),
            ((196, 168, 84), (176, 150, 70)),
            ((90, 130, 70), (110, 150, 80)),
        ]
    )
    vanish = (rng.uniform(0.3, 0.7) * w, horizon + h * 0.08)
    ground_top = horizon + h * 0.12
    draw.rectangle((0, ground_top, w, h), fill=crop_a)
    rows = 18
    for i in range(rows):
        if i % 2:
            left = -w + i * 3 * w / rows
            right = -w + (i + 1) * 3 * w / rows
            ratio = (ground_top - vanish[1]) / (h - vanish[1])
            draw.polygon(
                [
                    (vanish[0] + (left - vanish[0]) * ratio, ground_top),
                    (vanish[0] + (right - vanish[0]) * ratio, ground_top),
                    (right, h),
                    (left, h),
                ],
                fill=crop_b,
            )
    tx, ty = rng.uniform(0.15, 0.85) * w, ground_top + h * 0.05
    draw.rectangle((tx - 3, ty - h * 0.12, tx + 3, ty), fill=(60, 46, 34))
    canopy = shade(crop_a, 0.45)
    for _ in range(6):
        dx, dy = rng.uniform(-w * 0.04, w * 0.04), rng.uniform(-h * 0.22, -h * 0.12)
        r = rng.uniform(w * 0.025, w * 0.045)
        draw.ellipse((tx + dx - r, ty + dy - r, tx + dx + r, ty + dy + r), fill=canopy)
    return (tx / w - 0.12, 0.25, 0.24, 0.5)


def paint_pitch(img, rng):
    w, h = img.size
    night = rng.random() < 0.5
    img.paste(gradient((w, h), (14, 18, 30) if night else (120, 150, 190), (40, 40, 48)), (0, 0))
    touchline = h * 0.38
    stands(img, rng, touchline, floodlit=night)
    pitch(img, touchline)
    centre_x = rng.uniform(0.3, 0.7) * w
    players(img, rng, touchline, centre_x)
    return (centre_x / w - 0.2, 0.35, 0.4, 0.5)


def stands(img, rng, bottom, floodlit):
    """Terraces full of fans in club colours, under a roof and two floodlights."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    concrete = (36, 38, 46)
    draw.rectangle((0, h * 0.1, w, bottom), fill=concrete)
    fans = [(200, 40, 50), (230, 230, 230), (40, 70, 160), (240, 190, 40), (90, 90, 100)]
    for _ in range(3000):
        x, y = rng.uniform(0, w), rng.uniform(h * 0.12, bottom)
        draw.point((x, y), fill=mix(rng.choice(fans), concrete, 0.35))
        draw.point((x + 1, y), fill=mix(rng.choice(fans), concrete, 0.45))
    for tier in range(1, 5):
        y = h * 0.1 + (bottom - h * 0.1) * tier / 5
        draw.line((0, y, w, y), fill=(70, 72, 80), width=2)
    draw.rectangle((0, h * 0.06, w, h * 0.1), fill=(24, 26, 32))
    for x in (0.1, 0.9):
        glow(img, (w * x, h * 0.05), w * 0.05, (255, 252, 230), 0.9 if floodlit else 0.4)


def pitch(img, top):
    """Mown stripes narrowing towards the far touchline, and the white lines."""
    draw = ImageDraw.Draw(img)
    w, h = img.size
    draw.rectangle((0, top, w, h), fill=(46, 122, 60))
    bands = 9
    for i in range(0, bands, 2):
        y0 = top + (h - top) * (i / bands) ** 1.3
        y1 = top + (h - top) * ((i + 1) / bands) ** 1.3
        draw.rectangle((0, y0, w, y1), fill=(56, 138, 68))
    line = (226, 236, 226)
    draw.line((w * 0.5, top, w * 0.5, h), fill=line, width=2)
    centre_y = top + (h - top) * 0.45
    draw.ellipse(
        (w * 0.4, centre_y - h * 0.06, w * 0.6, centre_y + h * 0.06), outline=line, width=2
    )
    draw.line((0, top + 6, w, top + 6), fill=line, width=2)


def players(img, rng, top, centre_x):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    kits = rng.sample([(200, 40, 50), (240, 240, 240), (40, 70, 160), (240, 190, 40)], 2)
    for i in range(10):
        x = centre_x + rng.gauss(0, w * 0.1)
        y = top + (h - top) * rng.uniform(0.2, 0.8)
        size = 4 + (y - top) / (h - top) * 8
        draw.ellipse((x - size, y + size * 1.6, x + size * 1.4, y + size * 2), fill=(30, 80, 40))
        draw.rectangle((x - size / 2, y - size, x + size / 2, y + size * 1.5), fill=kits[i % 2])
        head = (x - size / 2.5, y - size * 1.8, x + size / 2.5, y - size)
        draw.ellipse(head, fill=(120, 86, 64))


def paint_interior(img, rng):
    w, h = img.size
    wall = rng.choice([(214, 206, 192), (190, 200, 206), (206, 196, 204), (180, 186, 172)])
    img.paste(gradient((w, h), shade(wall, 1.05), shade(wall, 0.6)), (0, 0))
    window(img, rng, frame=shade(wall, 0.5))
    bokeh(img, rng)
    desk = shade(rng.choice([(120, 84, 56), (70, 70, 76), (200, 200, 196)]), 0.9)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, h * 0.72, w, h), fill=desk)
    draw.rectangle((0, h * 0.72, w, h * 0.74), fill=shade(desk, 1.3))
    objects_on_desk(img, rng, h * 0.73)
    return (0.1, 0.35, 0.6, 0.45)


def window(img, rng, frame):
    w, h = img.size
    x0, y0 = rng.uniform(0.05, 0.5) * w, h * 0.1
    x1, y1 = x0 + w * 0.4, h * 0.55
    daylight = gradient((round(x1 - x0), round(y1 - y0)), (170, 200, 230), (235, 240, 240))
    img.paste(daylight, (round(x0), round(y0)))
    draw = ImageDraw.Draw(img)
    draw.rectangle((x0, y0, x1, y1), outline=frame, width=5)
    draw.line(((x0 + x1) / 2, y0, (x0 + x1) / 2, y1), fill=frame, width=4)
    draw.line((x0, (y0 + y1) / 2, x1, (y0 + y1) / 2), fill=frame, width=4)


def bokeh(img, rng):
    """Out-of-focus lamps: soft discs screened over the room."""
    w, h = img.size
    layer = Image.new("RGB", img.size, (0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(14):
        x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.6), rng.uniform(8, 26)
        colour = mix((255, 220, 160), (160, 200, 255), rng.random())
        draw.ellipse((x - r, y - r, x + r, y + r), fill=colour)
    img.paste(ImageChops.screen(img, layer.filter(ImageFilter.GaussianBlur(6))))


def objects_on_desk(img, rng, surface):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    x = rng.uniform(0.1, 0.4) * w
    for _ in range(rng.randint(3, 6)):
        width, height = rng.uniform(w * 0.03, w * 0.07), rng.uniform(h * 0.08, h * 0.25)
        colour = rng.choice([(90, 140, 190), (200, 120, 80), (230, 230, 226), (110, 170, 120)])
        draw.rounded_rectangle((x, surface - height, x + width, surface), radius=6, fill=colour)
        shine = (x + 3, surface - height + 4, x + 6, surface - 6)
        draw.rectangle(shine, fill=shade(colour, 1.3))
        x += width + rng.uniform(6, 30)


def paint_market(img, rng):
    light = rng.choice(["day", "golden", "overcast"])
    w, h = img.size
    sky(img, rng, light, h * 0.3)
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, h * 0.3, w, h), fill=(150, 140, 126))
    draw.rectangle((0, h * 0.3, w, h * 0.45), fill=(120, 104, 92))
    x = rng.uniform(-40, 0)
    while x < w:
        width = rng.uniform(w * 0.12, w * 0.2)
        stall(img, rng, x, width)
        x += width + rng.uniform(4, 14)
    crowd(img, rng)
    return (0.3, 0.3, 0.4, 0.5)


AWNINGS = [(200, 60, 60), (60, 120, 180), (230, 180, 60), (80, 150, 100), (220, 110, 60)]


def stall(img, rng, x, width):
    """A striped, scalloped awning over a counter piled with produce."""
    draw = ImageDraw.Draw(img)
    h = img.size[1]
    colour = rng.choice(AWNINGS)
    top = h * rng.uniform(0.36, 0.42)
    stripe = width / 6
    for i in range(6):
        fill = colour if i % 2 == 0 else (240, 236, 226)
        draw.rectangle((x + stripe * i, top, x + stripe * (i + 1), top + h * 0.08), fill=fill)
        centre = x + stripe * (i + 0.5)
        scallop = (centre - stripe / 2, top + h * 0.06, centre + stripe / 2, top + h * 0.1)
        draw.pieslice(scallop, 0, 180, fill=colour)
    counter = top + h * 0.18
    draw.rectangle(
        (x + width * 0.1, counter, x + width * 0.9, counter + h * 0.08), fill=(110, 80, 60)
    )
    for _ in range(10):
        px, r = rng.uniform(x + width * 0.12, x + width * 0.85), rng.uniform(3, 6)
        draw.ellipse(
            (px - r, counter - h * 0.01 - r, px + r, counter - h * 0.01 + r),
            fill=rng.choice(AWNINGS),
        )


def crowd(img, rng):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    coats = [
        (40, 50, 70),
        (120, 40, 40),
        (70, 90, 70),
        (200, 190, 170),
        (60, 60, 60),
        (180, 120, 50),
    ]
    skins = [(120, 86, 64), (200, 160, 130), (80, 60, 46)]
    people = sorted((rng.uniform(h * 0.62, h * 1.05), rng.uniform(0, w)) for _ in range(45))
    for y, x in people:  # back to front, so nearer people stand in front
        size = (y / h) * 16
        body = (x - size, y - size * 2, x + size, y + size * 2)
        draw.rounded_rectangle(body, radius=size, fill=rng.choice(coats))
        draw.ellipse(
            (x - size * 0.6, y - size * 3.2, x + size * 0.6, y - size * 2), fill=rng.choice(skins)
        )


def paint_headshot(img, rng):
    w, h = img.size
    unit = min(w, h)
    backdrop = rng.choice([(90, 110, 130), (150, 130, 110), (110, 130, 110), (120, 110, 140)])
    img.paste(gradient((w, h), shade(backdrop, 1.3), shade(backdrop, 0.7)), (0, 0))
    glow(img, (w * rng.uniform(0.3, 0.7), h * 0.35), unit * 0.3, shade(backdrop, 1.6), 0.6)
    draw = ImageDraw.Draw(img)
    skin = rng.choice(
        [(232, 196, 170), (198, 150, 116), (150, 104, 76), (96, 66, 48), (224, 180, 140)]
    )
    hair = rng.choice([(40, 30, 24), (90, 60, 36), (180, 150, 100), (20, 20, 22), (150, 150, 150)])
    coat = rng.choice([(40, 50, 70), (120, 40, 50), (70, 80, 60), (200, 196, 186), (30, 30, 34)])
    cx, cy = w / 2, h * 0.42
    hw, hh = unit * 0.15, unit * 0.19
    shoulders = cy + hh * 1.05
    if rng.random() < 0.5:
        draw.rounded_rectangle(
            (cx - hw * 1.25, cy - hh * 1.1, cx + hw * 1.25, shoulders + unit * 0.08),
            radius=hw,
            fill=hair,
        )
    draw.rectangle(
        (cx - unit * 0.055, cy, cx + unit * 0.055, shoulders + unit * 0.05), fill=shade(skin, 0.8)
    )
    draw.ellipse((cx - unit * 0.42, shoulders, cx + unit * 0.42, shoulders + unit * 0.9), fill=coat)
    draw.polygon(
        [
            (cx - unit * 0.07, shoulders + 2),
            (cx + unit * 0.07, shoulders + 2),
            (cx, shoulders + unit * 0.1),
        ],
        fill=shade(skin, 0.8),
    )
    draw.ellipse((cx - hw * 1.08, cy - hh * 1.12, cx + hw * 1.08, cy + hh * 0.2), fill=hair)
    draw.ellipse((cx - hw, cy - hh, cx + hw, cy + hh), fill=skin)
    draw.chord((cx - hw * 1.05, cy - hh * 1.12, cx + hw * 1.05, cy - hh * 0.1), 180, 360, fill=hair)
    side = Image.new("L", img.size, 0)
    ImageDraw.Draw(side).ellipse((cx, cy - hh, cx + hw, cy + hh), fill=60)
    img.paste(
        Image.new("RGB", img.size, (0, 0, 0)),
        mask=side.filter(ImageFilter.GaussianBlur(unit * 0.04)),
    )
    img.paste(img.filter(ImageFilter.GaussianBlur(unit * 0.004)))
    return ((cx - hw * 1.6) / w, (cy - hh * 1.4) / h, hw * 3.2 / w, hh * 3.2 / h)


SCENES = {
    "harbour": paint_harbour,
    "city": paint_city,
    "night_city": paint_night_city,
    "hills": paint_hills,
    "night_sky": paint_night_sky,
    "farmland": paint_farmland,
    "pitch": paint_pitch,
    "interior": paint_interior,
    "market": paint_market,
    "headshot": paint_headshot,
}
