"""Cash assistance: how well and how fast the duplicate finder works on 100,000 people.

    .venv/bin/python bench/assistance.py [PEOPLE] [DUPLICATES] [SEED]

Generates PEOPLE registered people (default 100,000) in households, of which DUPLICATES
(default 5,000) are a second registration of someone already there, made the way they happen in
the field: accents dropped, surnames swapped, the second surname or second given name left out,
a typo in a name, two digits of the document transposed or one mistyped, the document missing,
the date of birth with a typo or day and month swapped, the phone written with country code or
spaces, or missing. People who are not duplicates but look alike are there too: siblings share
surnames and the family phone, twins share the date of birth as well, and common names repeat.

Runs the finder (migralocal.assistance.matching, the code the `find_duplicates` command uses on
the decrypted values) at its default threshold and prints precision, recall, time and the peak
memory of the process. Targets on the development machine: precision >= 0.98, recall >= 0.95,
under 60 s and 1 GB. No assertion: the figures are printed to be read.
"""

from __future__ import annotations

import datetime as dt
import random
import resource
import sys
import time
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from migralocal.assistance.matching import DEFAULT_THRESHOLD, Person, find_matches

FEMALE = [
    "María",
    "Carmen",
    "Ana",
    "Rosa",
    "Luz",
    "Gloria",
    "Martha",
    "Sandra",
    "Yolanda",
    "Patricia",
    "Claudia",
    "Diana",
    "Paola",
    "Daniela",
    "Valentina",
    "Camila",
    "Sofía",
    "Isabella",
    "Gabriela",
    "Andrea",
    "Carolina",
    "Fernanda",
    "Lucía",
    "Verónica",
    "Mónica",
    "Alejandra",
    "Natalia",
    "Adriana",
    "Beatriz",
    "Teresa",
    "Elena",
    "Inés",
    "Dolores",
    "Esperanza",
    "Ángela",
    "Julia",
    "Marisol",
    "Yesenia",
    "Karla",
    "Johana",
    "Leidy",
    "Yuliana",
    "Xiomara",
    "Nayeli",
    "Rocío",
    "Pilar",
    "Silvia",
    "Lorena",
    "Irene",
]
MALE = [
    "José",
    "Luis",
    "Carlos",
    "Juan",
    "Jorge",
    "Pedro",
    "Manuel",
    "Miguel",
    "Ángel",
    "Andrés",
    "Javier",
    "Fernando",
    "Ricardo",
    "Eduardo",
    "Alejandro",
    "Daniel",
    "David",
    "Diego",
    "Santiago",
    "Sebastián",
    "Mateo",
    "Nicolás",
    "Samuel",
    "Gabriel",
    "Óscar",
    "Raúl",
    "Héctor",
    "Wilson",
    "Jhon",
    "Brayan",
    "Kevin",
    "Edwin",
    "Fabián",
    "Germán",
    "Iván",
    "Julián",
    "Rubén",
    "Víctor",
    "Hugo",
    "Mario",
    "Rafael",
    "Ramón",
    "Tomás",
    "Esteban",
    "Alberto",
    "Gustavo",
    "Álvaro",
    "Cristian",
    "Jesús",
    "Franklin",
]
SURNAMES = [
    "García",
    "Rodríguez",
    "González",
    "Fernández",
    "López",
    "Martínez",
    "Sánchez",
    "Pérez",
    "Gómez",
    "Martín",
    "Jiménez",
    "Ruiz",
    "Hernández",
    "Díaz",
    "Moreno",
    "Muñoz",
    "Álvarez",
    "Romero",
    "Alonso",
    "Gutiérrez",
    "Navarro",
    "Torres",
    "Domínguez",
    "Vázquez",
    "Ramos",
    "Gil",
    "Ramírez",
    "Serrano",
    "Blanco",
    "Molina",
    "Morales",
    "Suárez",
    "Ortega",
    "Delgado",
    "Castro",
    "Ortiz",
    "Rubio",
    "Marín",
    "Sanz",
    "Núñez",
    "Iglesias",
    "Medina",
    "Garrido",
    "Cortés",
    "Castillo",
    "Santos",
    "Lozano",
    "Guerrero",
    "Cano",
    "Prieto",
    "Méndez",
    "Cruz",
    "Calvo",
    "Gallego",
    "Vidal",
    "León",
    "Márquez",
    "Herrera",
    "Peña",
    "Flores",
    "Cabrera",
    "Campos",
    "Vega",
    "Fuentes",
    "Carrasco",
    "Diez",
    "Caballero",
    "Reyes",
    "Nieto",
    "Aguilar",
    "Pascual",
    "Santana",
    "Herrero",
    "Lorenzo",
    "Montero",
    "Hidalgo",
    "Giménez",
    "Ibáñez",
    "Ferrer",
    "Durán",
    "Santiago",
    "Benítez",
    "Mora",
    "Vicente",
    "Vargas",
    "Arias",
    "Carmona",
    "Crespo",
    "Román",
    "Pastor",
    "Soto",
    "Sáez",
    "Velasco",
    "Moya",
    "Soler",
    "Parra",
    "Esteban",
    "Bravo",
    "Gallardo",
    "Rojas",
    "Cedeño",
    "Zambrano",
    "Quiñónez",
    "Chávez",
    "Mejía",
    "Zúñiga",
    "Paredes",
    "Villacís",
    "Andrade",
    "Salazar",
    "Cevallos",
    "Mosquera",
    "Valencia",
    "Ospina",
    "Quintero",
    "Cárdenas",
    "Rincón",
    "Bermúdez",
    "Arteaga",
    "Yépez",
    "Jaramillo",
    "Guamán",
    "Tipán",
    "Pilco",
    "Chiluisa",
    "Almeida",
    "Benavides",
    "Montenegro",
]
COUNTRY_CODE = "593"


def weighted(pool: list[str], rng: random.Random) -> str:
    """Common names are more common: the first of the pool is chosen about 5 times in a
    hundred, as García or María are in the region's registers, the last about once in a
    thousand."""
    return rng.choices(pool, cum_weights=_CUMULATIVE[len(pool)])[0]


_CUMULATIVE: dict[int, list[float]] = {}
for _size in (len(FEMALE), len(MALE), len(SURNAMES)):
    _total = 0.0
    _CUMULATIVE[_size] = []
    for _rank in range(1, _size + 1):
        _total += 1 / (_rank + 5)
        _CUMULATIVE[_size].append(_total)


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def typo(text: str, rng: random.Random) -> str:
    letters = [i for i, char in enumerate(text) if char.isalpha()]
    if len(letters) < 4:
        return text
    i = rng.choice(letters[1:-1])
    kind = rng.randrange(4)
    if kind == 0:  # a letter replaced
        return text[:i] + rng.choice("aeiourlnsmtcd") + text[i + 1 :]
    if kind == 1:  # a letter left out
        return text[:i] + text[i + 1 :]
    if kind == 2:  # a letter doubled
        return text[:i] + text[i] + text[i:]
    return text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]  # two letters swapped


def document(rng: random.Random) -> str:
    if rng.random() < 0.6:
        return "17" + "".join(rng.choice("0123456789") for _ in range(8))  # a cédula
    return "V" + "".join(rng.choice("0123456789") for _ in range(8))  # a Venezuelan ID


def phone(rng: random.Random) -> str:
    return "09" + "".join(rng.choice("0123456789") for _ in range(8))


def birth(rng: random.Random, low: int, high: int) -> dt.date:
    return dt.date(2026, 1, 1) - dt.timedelta(days=rng.randint(low * 365, high * 365))


def household(rng: random.Random, key: int) -> list[Person]:
    """A family: a head, maybe a partner, children who carry both parents' first surnames."""
    people: list[Person] = []
    father = (weighted(SURNAMES, rng), weighted(SURNAMES, rng))
    mother = (weighted(SURNAMES, rng), weighted(SURNAMES, rng))
    family_phone = phone(rng)
    size = rng.choices(range(1, 8), weights=(18, 15, 20, 20, 14, 8, 5))[0]
    adults = 1 if size == 1 else 2
    for index in range(adults):
        female = index == 1 or rng.random() < 0.45
        surnames = mother if female else father
        people.append(
            Person(
                key=key + index,
                given_names=_given(rng, female),
                family_names=" ".join(surnames) if rng.random() < 0.9 else surnames[0],
                date_of_birth=birth(rng, 18, 75),
                document_number=document(rng) if rng.random() < 0.9 else "",
                phone=family_phone if index == 0 else (phone(rng) if rng.random() < 0.5 else ""),
                sex="female" if female else "male",
            )
        )
    twins_on = birth(rng, 1, 17) if rng.random() < 0.05 else None
    for index in range(adults, size):
        female = rng.random() < 0.5
        child_birth = twins_on if twins_on and index < adults + 2 else birth(rng, 0, 17)
        people.append(
            Person(
                key=key + index,
                given_names=_given(rng, female),
                family_names=f"{father[0]} {mother[0]}",
                date_of_birth=child_birth,
                document_number=document(rng) if rng.random() < 0.6 else "",
                phone=family_phone if rng.random() < 0.3 else "",
                sex="female" if female else "male",
            )
        )
    return people


def _given(rng: random.Random, female: bool) -> str:
    pool = FEMALE if female else MALE
    first = weighted(pool, rng)
    if rng.random() < 0.55:
        second = rng.choice(pool)
        if second != first:
            return f"{first} {second}"
    return first


def registered_again(person: Person, key: int, rng: random.Random) -> Person:
    """The same person registered a second time, with one to three of the field's variations."""
    given, family = person.given_names, person.family_names
    document_number, phone_number, born = person.document_number, person.phone, person.date_of_birth
    if rng.random() < 0.6:
        given, family = strip_accents(given), strip_accents(family)
    if rng.random() < 0.3:
        given, family = given.upper(), family.upper()
    changes = rng.sample(
        [
            "swap_surnames",
            "drop_surname",
            "drop_given",
            "typo_given",
            "typo_family",
            "transpose_document",
            "mistype_document",
            "no_document",
            "birth_typo",
            "birth_swap",
            "phone_format",
            "no_phone",
        ],
        k=rng.randint(1, 3),
    )
    surnames = family.split()
    for change in changes:
        if change == "swap_surnames" and len(surnames) == 2:
            family = f"{surnames[1]} {surnames[0]}"
        elif change == "drop_surname" and len(surnames) == 2:
            family = surnames[0]
        elif change == "drop_given" and " " in given:
            given = given.split()[0]
        elif change == "typo_given":
            given = typo(given, rng)
        elif change == "typo_family":
            family = typo(family, rng)
        elif change == "transpose_document" and len(document_number) > 3:
            i = rng.randrange(1, len(document_number) - 1)
            document_number = (
                document_number[:i]
                + document_number[i + 1]
                + document_number[i]
                + document_number[i + 2 :]
            )
        elif change == "mistype_document" and len(document_number) > 3:
            i = rng.randrange(2, len(document_number))
            document_number = (
                document_number[:i] + rng.choice("0123456789") + document_number[i + 1 :]
            )
        elif change == "no_document":
            document_number = ""
        elif change == "birth_typo" and born is not None:
            born = born.replace(day=min(28, max(1, born.day + rng.choice((-1, 1, 10)))))
        elif change == "birth_swap" and born is not None and born.day <= 12:
            born = born.replace(day=born.month, month=born.day)
        elif change == "phone_format" and phone_number:
            phone_number = (
                f"+{COUNTRY_CODE} {phone_number[1:3]} {phone_number[3:6]} {phone_number[6:]}"
            )
        elif change == "no_phone":
            phone_number = ""
    return Person(
        key=key,
        given_names=given,
        family_names=family,
        date_of_birth=born,
        document_number=document_number,
        phone=phone_number,
        sex=person.sex,
    )


def generate(total: int, duplicates: int, seed: int) -> tuple[list[Person], set[frozenset]]:
    rng = random.Random(seed)
    people: list[Person] = []
    while len(people) < total - duplicates:
        people.extend(household(rng, key=len(people) * 10 + 10_000_000))
    people = people[: total - duplicates]
    originals = rng.sample(people, duplicates)
    truth: set[frozenset] = set()
    for index, original in enumerate(originals):
        again = registered_again(original, key=index, rng=rng)
        people.append(again)
        truth.add(frozenset((original.key, again.key)))
    rng.shuffle(people)
    return people, truth


def main() -> None:
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    duplicates = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 19
    people, truth = generate(total, duplicates, seed)
    started = time.perf_counter()
    matches = find_matches(people, threshold=DEFAULT_THRESHOLD)
    seconds = time.perf_counter() - started
    found = {frozenset((match.a, match.b)) for match in matches}
    true_positives = len(found & truth)
    precision = true_positives / len(found) if found else 1.0
    recall = true_positives / len(truth) if truth else 1.0
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"people: {len(people):,}, known duplicate pairs: {len(truth):,}")
    print(f"threshold: {DEFAULT_THRESHOLD}")
    false_positives = len(found) - true_positives
    print(f"pairs found: {len(found):,} (true {true_positives:,}, false {false_positives:,})")
    print(f"precision: {precision:.4f} (target >= 0.98)")
    print(f"recall: {recall:.4f} (target >= 0.95)")
    print(f"finder time: {seconds:.1f} s (target < 60 s)")
    print(f"peak memory of the process: {peak_mb:.0f} MB (target < 1024 MB)")


if __name__ == "__main__":
    main()
