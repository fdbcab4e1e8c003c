"""What leaves the workbench for the public and newsrooms: ClaimReview JSON-LD, CSV, feeds."""
