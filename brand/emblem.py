"""The EU emblem from its official geometry, as plain shapes any renderer can draw.

A blue rectangle of ratio 3:2; twelve golden five-pointed stars, each with one point upwards,
standing like the hours of a clock on an invisible circle whose radius is a third of the
rectangle's height; each star fits in a circle whose radius is an eighteenth of that height.
"""

import math
from dataclasses import dataclass

REFLEX_BLUE = "#003399"
YELLOW = "#FFCC00"
WIDTH_RATIO = 1.5  # width : height = 3 : 2
RING_RADIUS_RATIO = 1 / 3
STAR_RADIUS_RATIO = 1 / 18
# Inner to outer radius of a regular five-pointed star.
STAR_INNER_RATIO = math.sin(math.radians(18)) / math.sin(math.radians(54))
OUTLINE_RATIO = 1 / 25  # the white border around the flag (Regulation (EU) 2021/1060, Annex IX)


@dataclass(frozen=True)
class Emblem:
    x: float
    y: float
    height: float

    @property
    def width(self) -> float:
        return self.height * WIDTH_RATIO

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2

    @property
    def outline(self) -> float:
        return self.height * OUTLINE_RATIO

    def star_centres(self) -> list[tuple[float, float]]:
        cx, cy = self.centre
        radius = self.height * RING_RADIUS_RATIO
        return [
            (
                cx + radius * math.sin(math.radians(30 * hour)),
                cy - radius * math.cos(math.radians(30 * hour)),
            )
            for hour in range(12)
        ]

    def star_points(self, centre: tuple[float, float]) -> list[tuple[float, float]]:
        """Ten corners of an upright star, clockwise from the top point."""
        outer = self.height * STAR_RADIUS_RATIO
        inner = outer * STAR_INNER_RATIO
        cx, cy = centre
        points = []
        for corner in range(10):
            radius = outer if corner % 2 == 0 else inner
            angle = math.radians(36 * corner)
            points.append((cx + radius * math.sin(angle), cy - radius * math.cos(angle)))
        return points

    def stars(self) -> list[list[tuple[float, float]]]:
        return [self.star_points(centre) for centre in self.star_centres()]
