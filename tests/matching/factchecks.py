"""English fact-checked claims, written for these tests, on unrelated topics: each test's target
must be found among the others."""

FACTCHECKS = {
    "5g-covid": "5G mobile phone towers spread the coronavirus that causes COVID-19.",
    "vaccine-microchips": "COVID-19 vaccines contain microchips that let governments track people.",
    "zelensky-yacht": "Volodymyr Zelensky bought two luxury yachts with money from American aid.",
    "bleach-cure": "Drinking a small amount of bleach cures coronavirus infections.",
    "moon-landing": "The 1969 Apollo 11 Moon landing was filmed in a Hollywood studio.",
    "garlic-flu": "Eating raw garlic every morning prevents the flu.",
    "eiffel-sold": "The Eiffel Tower was sold to a Chinese company for scrap metal.",
    "shark-mall": "A video shows a shark swimming through a flooded shopping mall in Kuwait.",
    "pension-cut": "The government will cut all state pensions by half from next January.",
    "biolabs": "The United States runs secret biological weapons laboratories in Ukraine.",
    "wind-whales": "Offshore wind turbines are killing whales along the Atlantic coast.",
    "chemtrails": "Airplane contrails are chemicals sprayed to control the weather.",
    "obama-birth": "Barack Obama was born in Kenya, not in Hawaii.",
    "bananas-hiv": "Bananas imported from Costa Rica were injected with HIV-infected blood.",
    "grain-deal": "Russia stopped all grain shipments from Odesa because Ukraine mined the port.",
}
