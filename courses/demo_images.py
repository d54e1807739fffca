"""Course images for the demo offer, drawn with Pillow: no files to ship, the same on every run."""

from io import BytesIO

from PIL import Image as PillowImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

# Per track: a background and a figure colour, and what the picture shows for who cannot see it.
DEMO_IMAGES = {
    "politieke-vorming": ((31, 58, 110), (242, 183, 5), "Een halfrond van stoelen rond een spreekgestoelte"),
    "sociale-vorming": ((154, 52, 18), (253, 230, 138), "Mensen in een kring die elkaar de hand geven"),
    "professionele-vorming": ((22, 101, 52), (209, 250, 229), "Een flip-over met een schema bij een tafel"),
}
SIZE = (1200, 675)
# The figure sits right of the centre: the focal point keeps it in view when a card crops.
FIGURE = (700, 170, 1030, 500)


def _draw(background, figure):
    picture = PillowImage.new("RGB", SIZE, background)
    draw = ImageDraw.Draw(picture)
    for step in range(0, SIZE[0], 60):
        draw.line([(step, SIZE[1]), (step + 300, 0)], fill=tuple(min(255, channel + 18) for channel in background))
    draw.ellipse(FIGURE, fill=figure)
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=80)
    return buffer


def get_demo_image(track_slug, track_title):
    """The demo image of the track, made once and found again on the next run (by title)."""
    Image = get_image_model()
    title = f"Demo: {track_title}"
    image = Image.objects.filter(title=title).first()
    if image is not None:
        return image
    background, figure, description = DEMO_IMAGES[track_slug]
    left, top, right, bottom = FIGURE
    image = Image(
        title=title,
        description=description,
        file=ImageFile(_draw(background, figure), name=f"demo-{track_slug}.jpg"),
        focal_point_x=(left + right) // 2,
        focal_point_y=(top + bottom) // 2,
        focal_point_width=right - left,
        focal_point_height=bottom - top,
    )
    image.save()
    return image
