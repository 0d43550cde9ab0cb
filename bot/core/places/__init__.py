"""The directory of places: regions, districts, municipalities and clusters of them."""
