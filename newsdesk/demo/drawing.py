"""Drawing helpers shared by the scene painters: colours, gradients, light, land and sea.

Every function draws on a Pillow image in place, at whatever size the painter works.
"""

import math

from PIL import Image, ImageDraw, ImageFilter

# Sky at the top, sky at the horizon, the sun's colour (None: no sun), how lit the windows are.
LIGHTS = {
    "day": ((72, 128, 196), (198, 219, 236), (255, 250, 232), 0.0),
    "golden": ((66, 96, 160), (246, 196, 138), (255, 224, 170), 0.2),
    "dusk": ((38, 44, 98), (232, 136, 112), (255, 176, 124), 0.6),
    "overcast": ((128, 138, 150), (206, 208, 210), None, 0.1),
    "night": ((10, 16, 38), (44, 56, 92), (226, 230, 240), 1.0),
}
DAYLIGHTS = ["day", "day", "golden", "dusk", "overcast"]


def mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def shade(colour, factor):
    return tuple(min(255, round(c * factor)) for c in colour)


def gradient(size, top, bottom):
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, bottom), Image.new("RGB", size, top), mask)


def glow(img, centre, radius, colour, strength=1.0, softness=0.8):
    mask = Image.new("L", img.size, 0)
    x, y = centre
    ImageDraw.Draw(mask).ellipse(
        (x - radius, y - radius, x + radius, y + radius), fill=round(255 * strength)
    )
    mask = mask.filter(ImageFilter.GaussianBlur(radius * softness))
    img.paste(Image.new("RGB", img.size, colour), mask=mask)


def ridge(rng, width, base, amplitude, steps=48):
    """Points along a hill line: a few sine waves plus a little jitter, like a real skyline."""
    waves = [(rng.uniform(0.5, 3.5), rng.uniform(0, 6.28), rng.uniform(0.3, 1)) for _ in range(3)]
    points = []
    for i in range(steps + 1):
        x = width * i / steps
        t = i / steps * 6.28
        y = sum(weight * math.sin(freq * t + phase) for freq, phase, weight in waves) / 2
        points.append((x, base - amplitude * (y + rng.uniform(-0.08, 0.08))))
    return points


def fill_below(draw, points, height, colour):
    draw.polygon([*points, (points[-1][0], height), (points[0][0], height)], fill=colour)


def sky(img, rng, light, horizon):
    top, low, sun, _ = LIGHTS[light]
    w, h = img.size
    img.paste(low, (0, 0, w, h))
    img.paste(gradient((w, round(horizon)), top, low), (0, 0))
    if sun is None:
        return None
    centre = (rng.uniform(0.2, 0.8) * w, horizon * rng.uniform(0.35, 0.8))
    radius = min(w, h) * (0.03 if light == "night" else 0.05)
    glow(img, centre, radius * 5, mix(low, sun, 0.5), 0.55)
    glow(img, centre, radius, sun, softness=0.25)
    return centre


def hills(img, rng, light, horizon, layers=3):
    draw = ImageDraw.Draw(img)
    w, h = img.size
    haze = LIGHTS[light][1]
    land = rng.choice([(62, 96, 58), (84, 102, 60), (70, 84, 92), (96, 88, 64)])
    for i in range(layers):
        depth = (layers - i) / layers
        base = horizon + (h - horizon) * 0.12 * i
        colour = mix(shade(land, 0.7 + 0.1 * i), haze, 0.65 * depth)
        fill_below(draw, ridge(rng, w, base, h * 0.06 * (1 + i * 0.4)), h, colour)


def sea(img, rng, light, horizon, sun):
    w, h = img.size
    top, low, sun_colour, _ = LIGHTS[light]
    water = mix(top, (20, 50, 70), 0.5)
    img.paste(gradient((w, h - round(horizon)), mix(low, water, 0.5), water), (0, round(horizon)))
    draw = ImageDraw.Draw(img)
    for _ in range(140):
        y = rng.uniform(horizon, h)
        near = (y - horizon) / (h - horizon)
        x = rng.uniform(0, w)
        length = rng.uniform(8, 40) * (0.4 + near)
        colour = mix(water, low, rng.uniform(0.2, 0.6))
        draw.line((x, y, x + length, y), fill=colour, width=1 + round(near * 2))
    if sun:
        for _ in range(60):
            y = rng.uniform(horizon + 2, h)
            spread = (y - horizon) * 0.25 + 6
            x = sun[0] + rng.gauss(0, spread)
            length = rng.uniform(6, 30)
            draw.line((x, y, x + length, y), fill=mix(sun_colour, low, 0.3), width=2)


def windows(draw, rng, box, lit, colour):
    x0, y0, x1, y1 = box
    glow_colour = (255, 214, 140)
    y = y0 + 4
    while y < y1 - 6:
        x = x0 + 3
        while x < x1 - 5:
            if rng.random() < lit:
                draw.rectangle(
                    (x, y, x + 2, y + 3), fill=mix(glow_colour, colour, rng.random() * 0.4)
                )
            x += 6
        y += 8
