"""Draws the atlas's vector tiles with QGIS's own reader (QgsVectorTileLayer), headless (issue #5: "tiles a
stock MapLibre and QGIS read"). Run by tests/e2e/tiles-in-qgis.test.ts with Debian's python3-qgis.

usage: draw-tiles.py <tile URL template> <out.png>
Prints one JSON line: whether the layer is valid, and how many pixels the render coloured."""

import json
import sys

from qgis.core import (
    QgsApplication,
    QgsCoordinateReferenceSystem,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsRectangle,
    QgsVectorTileBasicRenderer,
    QgsVectorTileLayer,
)
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor

template, out = sys.argv[1], sys.argv[2]
QgsApplication.setPrefixPath("/usr", True)
app = QgsApplication([], False)
app.initQgis()

layer = QgsVectorTileLayer(f"type=xyz&url={template}&zmin=0&zmax=14", "hromada")
result = {"valid": layer.isValid()}
if layer.isValid():
    # QGIS's default style for a layer it knows nothing about: every polygon of every tile layer filled.
    red = QColor(200, 30, 30)
    renderer = QgsVectorTileBasicRenderer()
    renderer.setStyles(QgsVectorTileBasicRenderer.simpleStyle(red, QColor(0, 0, 0), 0.3, red, 1.0, red, red, 1.0))
    layer.setRenderer(renderer)
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    # Ukraine in web mercator.
    settings.setExtent(QgsRectangle(2450000, 5500000, 4500000, 6900000))
    settings.setOutputSize(QSize(600, 410))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(out)
    coloured = 0
    for x in range(0, image.width(), 3):
        for y in range(0, image.height(), 3):
            c = QColor(image.pixel(x, y))
            if c.red() > 150 and c.green() < 120 and c.blue() < 120:
                coloured += 1
    result["sampled"] = len(range(0, image.width(), 3)) * len(range(0, image.height(), 3))
    result["coloured"] = coloured
    result["errors"] = [e.message for e in job.errors()]
print(json.dumps(result), flush=True)
app.exitQgis()
