"""Excel workbooks: the product's template for a whole year (scenario ⇄ workbook)."""
