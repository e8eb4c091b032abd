"""Documents for the outside world: takstblad, takstgrundlag, billing statements (PDF) and the
Tilbudsportalen export. They lay out engine results; they never calculate."""
