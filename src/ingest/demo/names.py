"""Invented word lists for the demo network: names per culture, nicknames, employers and texts.

Every name, company and sentence here is invented or generic. Lists run roughly from common to rare;
``people.py`` draws from them with falling weights, so common names ("Thomas Müller") repeat the way
they do in a real address book.
"""
from __future__ import annotations

import importlib
import re
import unicodedata
from functools import lru_cache

# culture: "female first names | male first names | last names"; "_" joins name particles
_RAW_NAMES = {
    "de": "Anna Julia Laura Sarah Lisa Katharina Lena Lea Hannah Marie Sophie Johanna Franziska Stefanie "
          "Christina Susanne Sabine Claudia Andrea Nicole Petra Birgit Ute Kerstin Anja Melanie Sandra Jessica "
          "Miriam Friederike Elisabeth Margarete Charlotte Wiebke Svenja Maren Gesa Dörte Jördis Käthe Merle "
          "Frauke Antje Heike Silke Insa Greta Ida Clara Emma Luisa Paula Jana Nina Theresa Verena Alexandra "
          "Ulrike Gesine Ilse | "
          "Thomas Michael Andreas Stefan Christian Alexander Markus Sebastian Daniel Tobias Matthias Florian "
          "Johannes Maximilian Lukas Jonas Finn Paul Felix Jürgen Sören Björn Jörg Malte Hauke Ole Torben "
          "Henning Jan Nils Tim Philipp Benjamin Robert Frank Uwe Dirk Ralf Klaus Wolfgang Peter Martin Oliver "
          "Jens Kai Lars Moritz Niklas Leon David Simon Fabian Dominik Marcel Patrick Sven Carsten Holger Bastian | "
          "Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer Richter "
          "Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange Schmitt Werner "
          "Schmitz Krause Meier Lehmann Schmid Schulze Maier Köhler Herrmann König Walter Mayer Huber Kaiser "
          "Fuchs Peters Lang Scholz Möller Weiß Jung Hahn Schubert Vogel Friedrich Keller Günther Frank Berger "
          "Winkler Roth Beck Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Schumacher "
          "Krämer Vogt Stein Jäger Otto Groß Seidel Heinrich Brandt Haas Schreiber Graf Schulte Dietrich Ziegler "
          "Kuhn Kühn Pohl Engel Horn Busch Bergmann Voigt Sauer Arnold Wolff Pfeiffer Strauß Claßen Mößner "
          "Thießen Lüders Hansen Voß Petersen Jensen Carstensen Thomsen Paulsen Brodersen Thormählen Quade "
          "Ahrens Harms Janssen Eggers Lohmann Witt Reimers Timm Rohde Köster Struck Wulf",
    "pl": "Anna Agnieszka Małgorzata Katarzyna Zofia Joanna Magdalena Ewa Aleksandra Monika Beata Dorota Natalia "
          "Karolina Justyna Marta Paulina Weronika Żaneta Maria | "
          "Tomasz Piotr Krzysztof Paweł Michał Łukasz Grzegorz Wojciech Bartosz Jakub Marcin Adam Marek Rafał "
          "Andrzej Kamil Mateusz Dawid Szymon Jarosław | "
          "Nowak Kowalski Wiśniewski Wójcik Kowalczyk Kamiński Lewandowski Zieliński Szymański Woźniak Dąbrowski "
          "Kozłowski Jankowski Mazur Krawczyk Piątek Grabowski Nowicki Pawłowski Michalski Król Wieczorek "
          "Jabłoński Wróbel Majewski Olszewski Stępień Malinowski Jaworski Adamczyk Dudek Górski Rutkowski "
          "Sikora Baran Ostrowski Walczak Kaczmarek Zając Pietrzak",
    "nl": "Sanne Femke Eline Anouk Lotte Marloes Ilse Noor Mieke Fleur Iris Sophie Emma Julia Lieke Esther "
          "Annelies Marieke Roos Maud | "
          "Daan Sem Bram Thijs Joost Maarten Ruud Jeroen Pieter Johannes Sander Bas Wouter Niels Koen Stijn "
          "Rutger Gijs Jasper Floris | "
          "de_Vries Jansen de_Jong van_den_Berg van_Dijk Bakker Visser Smit Mulder Bos Vos Hendriks van_Leeuwen "
          "Dekker Brouwer de_Groot Meijer de_Boer Dijkstra Vermeulen van_der_Linden Kok Jacobs de_Haan "
          "van_der_Meer Postma Kuipers Veenstra Schouten",
    "tr": "Ayşe Elif Zeynep Selin Özge Deniz Büşra Merve Ebru Esra Fatma Emine Derya Gül Seda Burcu Aylin "
          "Cansu Melike Hatice | "
          "Mehmet Emre Burak Can Murat Gökhan Oğuz Kerem Serkan Mustafa Ahmet Ali Hasan Hüseyin Yusuf Cem Barış "
          "Onur Tolga Volkan | "
          "Yılmaz Kaya Demir Şahin Çelik Yıldız Öztürk Aydın Arslan Doğan Kılıç Aslan Korkmaz Koç Polat Erdem "
          "Özdemir Kurt Özkan Şimşek Akın Güneş Bulut Tekin Keskin Ünal Aksoy Taş Çetin Kaplan",
    "fr": "Camille Léa Chloé Élodie Amélie Céline Manon Inès Margaux Juliette Louise Pauline Mathilde Clémence "
          "Sophie Aurélie Hélène Nathalie Isabelle Émilie | "
          "Thomas Hugo Théo Louis Mathieu François Julien Étienne Benoît Maxime Nicolas Antoine Guillaume "
          "Alexandre Pierre Romain Sébastien Jérôme Olivier Raphaël | "
          "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent Lefèvre Michel "
          "Girard Rousseau Fontaine Chevalier Garnier Mercier Faure Lambert Bonnet Gauthier David Bertrand Roux "
          "Vincent Morel Fournier",
    "es": "María Lucía Carmen Sofía Inés Marta Elena Paula Nuria Laura Ana Cristina Isabel Pilar Dolores Rocío "
          "Alba Beatriz Raquel Silvia | "
          "José Javier Alejandro Pablo Álvaro Raúl Sergio Diego Jorge Francisco Manuel Antonio Carlos Miguel "
          "Rubén Adrián Iván Óscar Fernando Luis | "
          "García Fernández González Rodríguez López Martínez Sánchez Pérez Gómez Martín Jiménez Ruiz Hernández "
          "Díaz Moreno Muñoz Álvarez Romero Alonso Gutiérrez Navarro Torres Domínguez Vázquez Ramos Gil Serrano "
          "Blanco Molina Ortega Castillo",
    "el": "Maria Eleni Katerina Sofia Ioanna Anastasia Dimitra Georgia Vasiliki Despina Chrysa Eirini Theodora "
          "Konstantina Angeliki Panagiota Evangelia Christina Foteini Paraskevi | "
          "Giorgos Dimitris Nikos Kostas Yannis Christos Panagiotis Vasilis Thanasis Konstantinos Alexandros "
          "Michalis Stavros Spyros Manolis Apostolos Evangelos Ilias Antonis Petros | "
          "Papadopoulos Georgiou Nikolaidis Konstantinou Karagiannis Vasileiou Christodoulou Oikonomou Alexiou "
          "Pappas Antoniou Makris Ioannidis Dimitriou Athanasiou Papageorgiou Papadakis Angelopoulos Mavridis "
          "Stavrou Theodorou Panagiotou Kyriakou Samaras Lamprou",
    "en": "Emily Charlotte Sarah Rebecca Olivia Grace Hannah Chloe Amelia Elizabeth Katherine Margaret Jessica "
          "Lucy Sophie Emma Victoria Laura Rachel Helen | "
          "James Oliver Harry Daniel Thomas Liam George Jack William Robert Samuel Matthew Christopher Jonathan "
          "Benjamin Michael Edward Andrew Richard Joseph | "
          "Smith Jones Taylor Brown Williams Wilson Evans Thompson O'Brien Walker Hughes Clarke Robinson Wright "
          "Hall Green Wood Harris Lewis Jackson Clark White Turner Hill Cooper Ward Morris Moore King Martin",
}
NAMES = {k: tuple([w.replace("_", " ") for w in part.split()] for part in v.split("|")) for k, v in _RAW_NAMES.items()}
CULTURE_WEIGHTS = {"de": 45, "pl": 8, "nl": 8, "tr": 8, "fr": 7, "es": 7, "el": 5, "en": 12}
# Women who take their spouse's name (a Spanish woman keeps hers)
MARRIED_NAME_CULTURES = {"de", "pl", "nl", "tr", "fr", "el", "en"}

# What friends call someone, and so what a Facebook profile often says
_RAW_NICKNAMES = (
    "Robert:Bob,Rob Katharina:Kathi,Katja Alexander:Alex Alexandra:Alex,Sandra Christian:Chris Christina:Tina "
    "Johannes:Jo,Hannes Matthias:Matze Thomas:Tom,Tommi Michael:Micha,Mike Stefanie:Steffi Elisabeth:Lisa,Elli "
    "Franziska:Franzi Maximilian:Max Benjamin:Ben,Benni Sebastian:Basti Friederike:Frieda,Rike Margarete:Grete "
    "Susanne:Susi Andreas:Andi Daniel:Dani,Dan Tobias:Tobi Florian:Flo Philipp:Phil Niklas:Nik Sabine:Bine "
    "Johanna:Jojo Theresa:Resi Patrick:Paddy Dominik:Domi Julia:Jule Verena:Vreni Nicole:Nici Jessica:Jessi,Jess "
    "Melanie:Meli Miriam:Miri Ulrike:Ulli Małgorzata:Gosia Katarzyna:Kasia Aleksandra:Ola Agnieszka:Aga "
    "Magdalena:Magda Joanna:Asia Tomasz:Tomek Krzysztof:Krzysiek Wojciech:Wojtek Grzegorz:Grzesiek Jakub:Kuba "
    "Bartosz:Bartek Andrzej:Jędrek Jarosław:Jarek Zofia:Zosia Pieter:Piet Wouter:Wout Mehmet:Memo "
    "Nicolas:Nico Maxime:Max Raphaël:Raph Sébastien:Seb Isabelle:Isa Clémence:Clem José:Pepe Javier:Javi "
    "Alejandro:Álex Francisco:Paco,Fran Manuel:Manu,Manolo Antonio:Toni Fernando:Nando Dolores:Lola Pilar:Pili "
    "Cristina:Cris Isabel:Isa Beatriz:Bea María:Mari Dimitris:Jimmy,Mimis Konstantinos:Dinos Giorgos:George "
    "Yannis:John Panagiotis:Panos,Takis Vasilis:Bill Thanasis:Thanos Alexandros:Alex Michalis:Mike "
    "Evangelos:Vangelis Apostolos:Tolis Christos:Chris Anastasia:Natasa Eleni:Lena Konstantina:Dina "
    "Angeliki:Kiki Panagiota:Giota Paraskevi:Vivi Theodora:Dora Dimitra:Mimi Vasiliki:Vicky William:Will,Bill "
    "James:Jim,Jamie Elizabeth:Liz,Beth Katherine:Kate,Katie Rebecca:Becky Charlotte:Charlie,Lottie "
    "Samuel:Sam Jonathan:Jon Matthew:Matt Christopher:Chris Olivia:Liv Margaret:Maggie Edward:Ed,Ted "
    "Andrew:Andy Richard:Rich Joseph:Joe Victoria:Vicky Emily:Em Amelia:Millie")
NICKNAMES = {k: tuple(v.split(",")) for k, v in (item.split(":") for item in _RAW_NICKNAMES.split())}

COMPANIES = ("Elbwerk Digital GmbH", "Hanseatic Freight AG", "Alsterdata GmbH", "Kranich Logistik GmbH & Co. KG",
             "Speicherstadt Analytics", "Möwe Software GmbH", "Fjordlijn Consulting B.V.", "Tulpenhof Systems B.V.",
             "Wisłok Tech sp. z o.o.", "Boğaz Yazılım A.Ş.", "Atelier Lumière SAS", "Olivar Datos S.L.",
             "Aigaio Cloud S.A.", "Thamesbridge Partners Ltd", "Brückner, Lange & Partner mbB", "Deichgraf Energie AG",
             "Nordkap Versicherung AG", "Hafenkante Media GmbH", "Quartier 9 Ventures", "Lotsenhaus Health GmbH",
             "Backbord Mobility GmbH", "Fleetblick Retail GmbH", "Sternschanze Labs", "Kompass Bildung gGmbH",
             "Isarlicht Software GmbH", "Rheinbogen Finanz AG", "Alpenwerk AG", "Spreeufer Studios GmbH",
             "Mainkai Consulting GmbH", "Heidekraut Bio eG", "Leuchtturm Robotics GmbH", "Nebelhorn Pharma AG")
POSITIONS = ("Data Engineer", "Senior Data Engineer", "Head of Data, EMEA", "Senior Product Manager", "CTO",
             "Working Student", "Software Engineer", "Founder & CEO", "UX Designer", "Geschäftsführung", "Berater*in",
             "Projektleitung", "Consultant", "Team Lead Backend", "Marketing Manager, DACH", "PhD Candidate",
             "Data Scientist", "Product Owner", "Engineering Manager", "Analytics Engineer", "Sales Director",
             "HR Business Partner", "Freelance Data Consultant", "Scrum Master", "Solutions Architect")
CITIES = (("Hamburg", "20095", "Mönckebergstr. 7"), ("München", "80802", "Leopoldstr. 1"),
          ("Berlin", "10178", "Rosenthaler Str. 40"), ("Köln", "50667", "Hohe Str. 52"),
          ("Frankfurt am Main", "60311", "Zeil 106"), ("Düsseldorf", "40213", "Königsallee 60"),
          ("Stuttgart", "70173", "Königstr. 28"), ("Lübeck", "23552", "Breite Str. 15"))
RECRUITER_FIRMS = ("TalentBrücke GmbH", "Hanseatic Hiring", "Nordstern Executive Search", "Kaiser & Kollegen Personal")

MESSAGES = ("Hi {first}, thanks for connecting!", "Danke dir, bis Montag!", "Sure, let's do a call next week.",
            "Hast du kurz Zeit? Ich hätte eine Frage zu eurem Airflow-Setup.", "Congrats on the new role 🎉",
            "Thanks, see you Monday.", "Klingt gut, ich schick dir einen Termin.", "Haha, yes. Same here.",
            "Sorry for the late reply, busy weeks.\nDoes Thursday work?", "Here is the link I mentioned.",
            "Great talk yesterday, {first}! Any chance you share the slides?", "Ok 👍",
            "Can you intro me to someone at your team?\nNo rush, whenever it fits.", "Frohe Weihnachten!",
            "Ich bin nächste Woche in Hamburg, Kaffee?", "Thanks a lot, that helped a lot.",
            "Wir suchen gerade jemanden für Data Engineering, kennst du wen?", "Let me check and come back to you.",
            "Yes, Tuesday 10:00 works, see you at the office.", "Happy birthday, {first}!")
CHAT = ("Café um 8?", "Bin gleich da 🚲", "Haha 😂", "Wer bringt den Kuchen mit?", "Gute Nacht!", "ok",
        "Schaffst du's Samstag?", "Sorry, verpasst – ruf dich gleich zurück", "❤️", "Top, danke!",
        "Alles Gute zum Geburtstag 🎂", "Fotos vom Wochenende kommen gleich", "Wie war's in Lissabon?",
        "Na, alles klar bei dir?", "Jep", "Ich hab noch deinen Schirm ☂️", "See you there!",
        "Grüße aus Kraków!", "Ça marche, à demain", "Skål! 🍻")
GROUP_TITLES = ("Segeltörn 2025 ⛵", "Elbwerk Ehemalige", "Doppelkopf-Runde", "Hochzeit Planung 💍",
                "Laufgruppe Alster", "Abi 2005 Klassentreffen", "WG Schanze forever", "Kita-Eltern Gänseblümchen",
                "Hamburg Data Meetup – Orga", "Panel Datenkultur 2026", "Fußball dienstags", "Urlaub Fehmarn")
INMAILS = ("Senior Data Engineer (m/w/d) – Hamburg, hybrid", "Head of Data Platform – exciting scale-up",
           "Lead Analytics Engineer (all genders)", "Your profile caught my eye", "Opportunity: Data Architect, remote")
OWNER_REPLIES = ("Thanks for reaching out, I'm not looking right now.", "Sounds interesting, what's the salary range?")
TWEETS = ("Great meetup tonight, thanks {at}!", "{at} agreed &amp; see the thread below",
          "Slides from my talk on data contracts are up", "DuckDB keeps surprising me 🦆",
          "Anyone in Hamburg up for a coffee next week?", "{at} congrats on the launch 🎉",
          "Hot take: most dashboards are never opened", "{at} that's exactly the problem we had",
          "Moin from the Elbe 🌊", "Reading list for the weekend: schema evolution, again")
NOT_A_NAME = ("Datenschubser", "Kaffee & Code ☕", "Elbkind 🌊", "Nerd in Residence", "¯\\_(ツ)_/¯",
              "the real slim data", "Moin Moin", "🚲🌿📚", "Team Dackel", "null pointer")
HANDLE_WORDS = ("datenkrake", "elbkind", "moinmoin", "pixelpirat", "kaffeejunkie", "nordlicht", "bitschubser")

# The owner's calendar (calendar.py): where meetings, lunches and conferences take place
PLACES = ("Café Paris, Rathausstraße 4, 20095 Hamburg", "Elbwerk Digital GmbH, Am Sandtorkai 50, 20457 Hamburg",
          "Betahaus; Eifflerstraße 43, 22769 Hamburg", "Speicherstadt Kaffeerösterei, Kehrwieder 5, Hamburg",
          "Mönckebergstr. 7, 20095 Hamburg", "Konferenzraum 3.14 (Alster)", "")
RESTAURANTS = ("Fischbrötchenbude Brücke 10, St. Pauli-Landungsbrücken, Hamburg", "Ristorante Da Luigi, Hamburg",
               "Kantine Elbwerk", "Mr. Kim, Schulterblatt 12, Hamburg", "")
VENUES = ("Hamburg Messe, Halle B6", "Kampnagel, Jarrestraße 20, 22303 Hamburg", "bcc Berlin, Alexanderstraße 11, Berlin",
          "Elbphilharmonie Kaistudio, Platz der Deutschen Einheit 1, Hamburg")
ALONE = ("Focus time", "Zahnarzt", "Steuererklärung", "Gym", "Blocker: Reisezeit", "Urlaub")
CONFERENCES = ("Hamburg Data Meetup #{n}", "Datenkultur Konferenz {y}", "Sommerfest {c}", "PyData Hamburg #{n}",
               "Data Contracts Workshop {y}")

# The long tail. The lists above are the names everyone knows; alone they would give most people in a
# network of thousands an exact namesake, where a real one has a few. Faker's per-country lists
# (read, not called: draws stay on the generator's own ``random.Random``) supply the rarer names.
TAIL_LOCALES = {"de": ("de_DE", "de_AT", "de_CH"), "pl": ("pl_PL",), "nl": ("nl_NL", "nl_BE"), "tr": ("tr_TR",),
                "fr": ("fr_FR", "fr_CH"), "es": ("es_ES",), "el": ("el_GR",), "en": ("en_GB", "en_US", "en_IE")}
HEAD_SHARE = {"first": 0.6, "last": 0.3}  # how often a name comes from the well-known lists above
COMPANY_SUFFIXES = ("GmbH", "GmbH", "GmbH & Co. KG", "AG", "KG", "e.K.", "UG", "B.V.", "Ltd", "SAS", "S.L.")


# Where a locale keeps its lists under other names: Polish last names in their masculine form (people.py
# makes "Kowalska" of "Kowalski"), Greek ones in the Greek alphabet (romanised below, as on LinkedIn).
TAIL_ATTRIBUTES = {"pl_PL": {"last_names": ("male_last_names", "unisex_last_names")},
                   "el_GR": {"last_names": ("last_names_male",)}}


@lru_cache(maxsize=None)
def name_tail(culture: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """Female first names, male first names and last names of the long tail, sorted, none of the head's."""
    head = NAMES[culture]
    parts = []
    for i, attribute in enumerate(("first_names_female", "first_names_male", "last_names")):
        names = set()
        for locale in TAIL_LOCALES[culture]:
            provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
            for name in TAIL_ATTRIBUTES.get(locale, {}).get(attribute, (attribute,)):
                names.update(romanise(n) for n in getattr(provider, name, ()))
        parts.append(tuple(sorted({n for n in names if _PLAIN_NAME.fullmatch(n)} - set(head[i]))))
    return tuple(parts)


_PLAIN_NAME = re.compile(r"[A-Za-zÀ-ɏ]+(?:[-' ][A-Za-zÀ-ɏ]+)?")
# Greek → Latin as Greeks write their names in Latin letters (ELOT 743, simplified): digraphs first.
_GREEK_PAIRS = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "ευ": "ev", "αυ": "av", "γγ": "ng", "γκ": "gk",
                "μπ": "mp", "ντ": "nt", "τσ": "ts", "τζ": "tz"}
_GREEK = dict(zip("αβγδεζηθικλμνξοπρσςτυφχψω", "a v g d e z i th i k l m n x o p r s s t y f ch ps o".split()))


def romanise(name: str) -> str:
    """A Greek name in Latin letters ("Παπαδόπουλος" → "Papadopoulos"); other names as they are."""
    if not any("\u0370" <= c <= "\u03ff" for c in name):
        return name
    text = "".join(c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c))
    for pair, latin in _GREEK_PAIRS.items():
        text = text.replace(pair, latin)
    return "".join(_GREEK.get(c, c) for c in text).title()
