"""The demo marketplace's tables: price ranges, countries, names, volumes and hours.

All prices below are in USD and are converted to the vendor's or business's currency with
matching's illustrative exchange rates (``USD_RATE``). Tiers: onshore (US, GB, IE, CA, AU),
nearshore (Latin America, Southern and Eastern Europe, South Africa), offshore (South and
South-East Asia, East, West and North Africa). docs/demo-data.md gives the reasoning.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from api.settings import ILLUSTRATIVE_RATES

Range = tuple[float, float]

TASK_TYPES = (
    "invoicing",
    "bookkeeping",
    "payroll",
    "appointment_scheduling",
    "email_management",
    "social_media",
    "customer_service",
)
ON, NEAR, OFF = 0, 1, 2  # price tiers, the index into the three ranges of each price table

# Units of each currency per USD, from the illustrative rates matching ships with (a constant,
# never the operator's OFFLOAD_EXCHANGE_RATES, so the seed stays deterministic). Seeded prices
# use only currencies listed there, so matching can convert every quote; all have two decimals.
USD_RATE = {code: 1 / usd_value for code, usd_value in ILLUSTRATIVE_RATES.items()}

# --- Prices ---------------------------------------------------------------------------------
# USD per unit of the type's monthly volume, (low, high) for onshore / nearshore / offshore.
# From published small-business rate cards: US/UK bookkeeping runs $300-1,000 a month for a
# few hundred transactions, payroll services charge $4-20 per employee on top of a $20-180 base
# (more when a person, not just software, runs it), answering services and VAs bill per booking
# or at $25-45 an hour onshore, Philippine/Indian VAs and BPO agents at $6-15, social media
# freelancers $25-80 a post onshore and $5-18 offshore, and support BPOs $1-3 a ticket offshore
# against $3-9 onshore. docs/demo-data.md gives the reasoning per row.
UNIT_PRICE: dict[str, tuple[Range, Range, Range]] = {
    #                          onshore       nearshore     offshore
    "invoicing": ((2.00, 6.00), (1.00, 3.00), (0.40, 1.50)),  # invoice raised, sent, chased
    "bookkeeping": ((1.20, 3.50), (0.60, 1.60), (0.30, 0.90)),  # transaction coded, reconciled
    "payroll": ((8.00, 30.0), (5.00, 14.0), (3.00, 9.00)),  # employee paid, per month
    "appointment_scheduling": ((2.50, 8.00), (1.20, 3.50), (0.60, 2.00)),  # booking or move
    "email_management": ((0.60, 1.80), (0.30, 0.90), (0.12, 0.50)),  # email triaged/answered
    "social_media": ((25.0, 80.0), (10.0, 35.0), (5.00, 18.0)),  # post written + designed
    "customer_service": ((3.00, 9.00), (1.50, 4.00), (0.80, 2.50)),  # ticket resolved
}
# USD per hour billed, same tiers: US/UK specialists bill $25-90, Eastern Europe and Latin
# America $12-40, the Philippines, India, Pakistan, Kenya and peers $6-22 (agency rates).
HOURLY_RATE: dict[str, tuple[Range, Range, Range]] = {
    "invoicing": ((30, 60), (15, 30), (7, 15)),
    "bookkeeping": ((40, 85), (18, 35), (8, 18)),
    "payroll": ((45, 90), (20, 40), (10, 22)),
    "appointment_scheduling": ((25, 45), (12, 22), (6, 12)),
    "email_management": ((28, 55), (14, 25), (6, 12)),
    "social_media": ((35, 90), (18, 35), (8, 18)),
    "customer_service": ((25, 45), (12, 22), (6, 14)),
}
# Units a trained specialist handles per hour; hourly quotes are rate x volume / this.
UNITS_PER_HOUR: dict[str, Range] = {
    "invoicing": (10, 20),
    "bookkeeping": (25, 45),
    "payroll": (2.5, 5),
    "appointment_scheduling": (6, 12),
    "email_management": (25, 50),
    "social_media": (0.8, 2),
    "customer_service": (6, 12),
}
# Flat monthly packages cover this many units, sized around a typical small client (see
# docs/demo-data.md); fee = unit price x package x 0.80-0.95, and such a service sets
# min_volume to 25-50% of the package, so a much smaller client is not quoted the full fee.
PACKAGE: dict[str, tuple[int, int]] = {
    "invoicing": (60, 200),
    "bookkeeping": (200, 700),
    "payroll": (8, 25),
    "appointment_scheduling": (150, 600),
    "email_management": (500, 2000),
    "social_media": (12, 40),
    "customer_service": (150, 600),
}
# A monthly minimum, where a vendor sets one, is worth this many units (x 0.8-1.5): the "base
# fee" of payroll bureaus, the smallest bookkeeping client worth onboarding.
MIN_CHARGE_UNITS = {
    "invoicing": 20,
    "bookkeeping": 80,
    "payroll": 4,
    "appointment_scheduling": 50,
    "email_management": 200,
    "social_media": 4,
    "customer_service": 50,
}
# How vendors of each type price: weights of per_unit, hourly, monthly.
MODEL_MIX: dict[str, tuple[int, int, int]] = {
    "invoicing": (55, 25, 20),
    "bookkeeping": (45, 20, 35),
    "payroll": (70, 10, 20),
    "appointment_scheduling": (50, 35, 15),
    "email_management": (25, 60, 15),
    "social_media": (45, 15, 40),
    "customer_service": (45, 40, 15),
}

# --- Vendors --------------------------------------------------------------------------------
# Lists of "key:weight" or "key:probability" items; a bare key weighs 1.
# code, name, tier, weight, IANA zones, languages (first always, others with a probability),
# pricing currencies, whose office hours it works (local, us_east, us_west, uk, au),
# cities (comma-separated), name pool.
_VENDOR_COUNTRIES = (
    ("US", "the United States", ON, 14, "America/New_York America/Chicago America/Denver America/Los_Angeles America/Phoenix", "en es:.15", "USD", "local", "Austin, Columbus, Tampa, Denver, Portland, Raleigh", "anglo"),
    ("GB", "the United Kingdom", ON, 6, "Europe/London", "en", "GBP:9 USD:1", "local", "Leeds, Bristol, Manchester, Glasgow, Norwich", "anglo"),
    ("IE", "Ireland", ON, 1, "Europe/Dublin", "en ga:.1", "EUR", "local:3 uk:1", "Cork, Galway, Limerick, Dublin", "anglo"),
    ("CA", "Canada", ON, 4, "America/Toronto America/Vancouver America/Edmonton America/Halifax", "en fr:.25", "CAD:8 USD:2", "local:3 us_east:1", "Toronto, Ottawa, Calgary, Halifax, Vancouver", "anglo"),
    ("AU", "Australia", ON, 3, "Australia/Sydney Australia/Melbourne Australia/Brisbane Australia/Perth", "en", "AUD", "local", "Brisbane, Adelaide, Geelong, Perth, Hobart", "anglo"),
    ("ES", "Spain", NEAR, 3, "Europe/Madrid", "es en:.8 ca:.2", "EUR", "local:2 uk:1", "Valencia, Sevilla, Málaga, Zaragoza, Bilbao", "hispanic"),
    ("PL", "Poland", NEAR, 3, "Europe/Warsaw", "pl en:.9 de:.25", "PLN:4 EUR:3 USD:3", "local:1 uk:2 us_east:1", "Kraków, Wrocław, Gdańsk, Poznań, Łódź", "polish"),
    ("RO", "Romania", NEAR, 2, "Europe/Bucharest", "ro en:.9 fr:.2", "EUR:5 USD:5", "local:1 uk:2 us_east:1", "Cluj-Napoca, Iași, Timișoara, Brașov", "romanian"),
    ("UA", "Ukraine", NEAR, 3, "Europe/Kyiv", "uk en:.9 pl:.1", "USD:7 EUR:3", "uk:2 us_east:2 local:1", "Lviv, Kharkiv, Dnipro, Odesa, Kyiv", "ukrainian"),
    ("MX", "Mexico", NEAR, 5, "America/Mexico_City America/Monterrey America/Tijuana", "es en:.75", "MXN:4 USD:6", "us_east:3 us_west:2 local:2", "Guadalajara, Monterrey, Puebla, Mérida, Querétaro", "hispanic"),
    ("CO", "Colombia", NEAR, 4, "America/Bogota", "es en:.75", "USD", "us_east:4 local:1", "Medellín, Bogotá, Cali, Barranquilla", "hispanic"),
    ("AR", "Argentina", NEAR, 3, "America/Argentina/Buenos_Aires", "es en:.8", "USD", "us_east:3 uk:1 local:1", "Córdoba, Rosario, Mendoza, Buenos Aires", "hispanic"),
    ("ZA", "South Africa", NEAR, 4, "Africa/Johannesburg", "en af:.4 zu:.2", "ZAR:4 USD:3 GBP:3", "uk:3 local:2 us_east:1", "Cape Town, Durban, Pretoria, Johannesburg, Gqeberha", "south_african"),
    ("IN", "India", OFF, 12, "Asia/Kolkata", "en hi:.75 ta:.12 te:.1", "USD:6 INR:4", "us_east:4 uk:3 au:1 local:2", "Pune, Bengaluru, Kochi, Jaipur, Chennai, Ahmedabad", "indian"),
    ("PH", "the Philippines", OFF, 14, "Asia/Manila", "en tl:.9", "USD:7 PHP:3", "us_east:5 us_west:2 au:2 local:1", "Cebu City, Davao, Quezon City, Iloilo, Baguio", "filipino"),
    ("PK", "Pakistan", OFF, 5, "Asia/Karachi", "en ur:.9 pa:.2", "USD:8 PKR:2", "us_east:4 uk:3 local:1", "Lahore, Karachi, Islamabad, Faisalabad", "pakistani"),
    ("KE", "Kenya", OFF, 4, "Africa/Nairobi", "en sw:.85", "USD:8 GBP:2", "uk:3 us_east:3 local:2", "Nairobi, Mombasa, Kisumu, Nakuru", "east_african"),
    ("NG", "Nigeria", OFF, 3, "Africa/Lagos", "en yo:.4 ig:.3 ha:.2", "USD:7 GBP:3", "uk:4 us_east:3 local:2", "Lagos, Abuja, Ibadan, Port Harcourt", "nigerian"),
    ("EG", "Egypt", OFF, 2, "Africa/Cairo", "ar en:.9 fr:.1", "USD:7 EUR:3", "uk:3 local:2 us_east:1", "Cairo, Alexandria, Giza, Mansoura", "egyptian"),
    ("VN", "Vietnam", OFF, 3, "Asia/Ho_Chi_Minh", "vi en:.9", "USD", "au:3 us_west:2 local:2 uk:1", "Ho Chi Minh City, Hanoi, Da Nang, Hai Phong", "vietnamese"),
)  # fmt: skip
# First names | surnames, for people (and, for businesses, owners).
NAMES = {
    "anglo": "Emma Olivia Liam Noah Sophie James Grace Ethan Chloe Jack Hannah Ryan | Carter Hughes Walsh Bennett Murphy Reid Foster Parker Doyle Hayes Turner Price",
    "hispanic": "Lucía Mateo Valentina Santiago Camila Diego Sofía Andrés Carmen Javier | García Martínez López Rodríguez Fernández Torres Ramírez Herrera Castro Vargas",
    "polish": "Anna Piotr Katarzyna Tomasz Magdalena Paweł Agnieszka Marek | Nowak Wójcik Mazur Krawczyk Kaczmarek Zając Król Wieczorek",
    "romanian": "Andrei Elena Mihai Ioana Alexandru Maria Cristian Ana | Popescu Ionescu Popa Stan Dumitru Stoica Munteanu Constantin",
    "ukrainian": "Olena Andriy Iryna Dmytro Oksana Serhiy Natalia Taras | Shevchenko Bondarenko Kovalenko Tkachenko Kravchenko Melnyk Boyko Marchenko",
    "south_african": "Thabo Lerato Pieter Naledi Sipho Anika Johan Zanele | Nkosi Botha Dlamini Venter Mokoena Pretorius Ndlovu Naidoo",
    "indian": "Priya Rahul Ananya Arjun Kavya Rohan Sneha Vikram Divya Aditya | Sharma Iyer Patel Nair Reddy Gupta Menon Joshi Rao Desai",
    "filipino": "Maria Jose Angelica Mark Kristine John Rowena Paolo Jasmine Carlo | Santos Reyes Cruz Bautista Garcia Mendoza Villanueva Ramos Aquino Castillo",
    "pakistani": "Ayesha Ali Fatima Hamza Sana Usman Zainab Bilal | Khan Ahmed Malik Qureshi Siddiqui Butt Chaudhry Raza",
    "east_african": "Grace Brian Faith Kevin Mercy Dennis Joy Collins | Otieno Kamau Mwangi Wanjiru Ochieng Njoroge Kiprotich Mutua",
    "nigerian": "Chinedu Amaka Tunde Ngozi Emeka Funmi Ibrahim Aisha | Okafor Adeyemi Balogun Eze Okonkwo Bello Nwosu Adebayo",
    "egyptian": "Mohamed Nour Ahmed Mariam Omar Salma Youssef Heba | Hassan Mahmoud Ibrahim Saleh Fathy Abdelrahman Mostafa Kamel",
    "vietnamese": "Linh Minh Trang Duc Huong Quang Thao Tuan | Nguyen Tran Le Pham Hoang Vu Dang Bui",
    "german": "Lena Jonas Mia Felix Laura Lukas | Müller Schmidt Weber Fischer Becker Wagner Hoffmann Schulz",
}  # fmt: skip
# Invented firm names: stem + tail ("Kestrelworks") + a word for what the firm does.
NAME_STEMS = ("Bright", "Clear", "True", "Steady", "Tidy", "Swift", "North", "Harbor", "Lantern", "Copper", "Maple", "Summit", "Keel", "Juniper", "Saffron", "Cobalt", "Meridian", "Kestrel", "Willow", "Orchard")  # fmt: skip
NAME_TAILS = ("ledger", "desk", "works", "line", "point", "bridge", "field", "stone", "well", "mark", "gate", "nest")  # fmt: skip
FAMILY_WORDS = {
    "finance": ("Bookkeeping", "Accounts", "Ledger Services", "Back Office", "Finance Desk"),
    "admin": ("Virtual Assistants", "Admin Support", "Office Assist", "Remote Admin"),
    "marketing": ("Social", "Content Studio", "Media", "Digital"),
    "support": ("Support", "Care", "CX", "Helpdesk"),
    "bpo": ("Outsourcing", "Global Services", "BPO", "Shared Services", "Business Solutions"),
}  # fmt: skip
FAMILY = {
    "invoicing": "finance",
    "bookkeeping": "finance",
    "payroll": "finance",
    "appointment_scheduling": "admin",
    "email_management": "admin",
    "social_media": "marketing",
    "customer_service": "support",
}
ROLE = {  # what a solo vendor whose main service is this calls themself
    "invoicing": "accounts receivable specialist",
    "bookkeeping": "bookkeeper",
    "payroll": "payroll specialist",
    "appointment_scheduling": "virtual receptionist",
    "email_management": "executive assistant",
    "social_media": "social media manager",
    "customer_service": "customer support specialist",
}
SERVICE_PHRASE = {
    "invoicing": "accounts receivable",
    "bookkeeping": "bookkeeping",
    "payroll": "payroll",
    "appointment_scheduling": "appointment booking",
    "email_management": "inbox management",
    "social_media": "social media content",
    "customer_service": "customer support",
}
NICHES = (
    "cafes and restaurants",
    "clinics and dental practices",
    "trades and home services",
    "online shops",
    "law and accounting firms",
    "salons and studios",
    "agencies and consultancies",
    "small retailers",
)
# Solo freelancers, agencies and BPO firms: weights per tier, services offered (1, 2, 3 weights),
# staff-hours a month each service gets (sets capacity), years of experience (low, high, mode).
KIND_WEIGHTS = {ON: (55, 40, 5), NEAR: (50, 42, 8), OFF: (40, 40, 20)}
KINDS = ("solo", "agency", "bpo")
SERVICE_COUNT = {"solo": (55, 35, 10), "agency": (25, 45, 30), "bpo": (0, 45, 55)}
STAFF_HOURS = {"solo": (40, 140), "agency": (300, 1800), "bpo": (2500, 20000)}
EXPERIENCE = {"solo": (1, 25, 6), "agency": (2, 30, 8), "bpo": (3, 25, 10)}
# A vendor's second and third services lean to work that goes with its first.
AFFINITY = {
    "invoicing": "bookkeeping:3 payroll:1 email_management:1 customer_service:1",
    "bookkeeping": "invoicing:3 payroll:3",
    "payroll": "bookkeeping:3 invoicing:1",
    "appointment_scheduling": "email_management:3 customer_service:2 social_media:1",
    "email_management": "appointment_scheduling:3 customer_service:2 social_media:1 invoicing:1",
    "social_media": "email_management:2 customer_service:1 appointment_scheduling:1",
    "customer_service": "email_management:3 appointment_scheduling:2 social_media:1",
}
# Skills per type, most common first (a vendor lists 2-5, a task wants 1-3).
SKILLS = {
    "invoicing": "quickbooks xero freshbooks stripe_invoicing bill_com zoho_invoice collections wave sage",
    "bookkeeping": "quickbooks xero bank_reconciliation accounts_payable excel sage wave square shopify dext",
    "payroll": "quickbooks_payroll xero_payroll timesheets deel rippling",
    "appointment_scheduling": "google_calendar calendly acuity square_appointments outlook_calendar mindbody phone_booking simplybook jane_app dentrix",
    "email_management": "gmail google_workspace outlook microsoft_365 inbox_triage canned_responses front hubspot",
    "social_media": "canva instagram facebook copywriting meta_business_suite tiktok linkedin later hootsuite capcut",
    "customer_service": "zendesk live_chat freshdesk gorgias shopify intercom help_scout phone_support hubspot_service returns_handling",
}  # fmt: skip
# Payroll follows each country's rules and tools.
PAYROLL_SKILLS = {
    "US": "gusto adp paychex payroll_tax_filing",
    "CA": "wagepoint cra_remittances",
    "GB": "brightpay sage_payroll hmrc_rti",
    "IE": "brightpay revenue_ros",
    "AU": "employment_hero single_touch_payroll",
}
# Certifications: (tag, share of vendors offering the type that hold it, share of tasks of the
# type that require it, the country it applies to or "" for any).
CERTIFICATIONS = {
    "invoicing": (("quickbooks_proadvisor", 0.30, 0.04, ""), ("xero_advisor", 0.20, 0.02, "")),
    "bookkeeping": (("quickbooks_proadvisor", 0.45, 0.10, ""), ("xero_advisor", 0.30, 0.05, ""), ("aipb_certified_bookkeeper", 0.10, 0.02, "US"), ("icb_member", 0.10, 0.02, "GB")),
    "payroll": (("fpc_payroll", 0.25, 0.05, "US"), ("cpp_payroll", 0.12, 0.03, "US"), ("cipp_payroll", 0.30, 0.06, "GB")),
    "appointment_scheduling": (("hipaa_trained", 0.35, 0.0, "US"), ("google_workspace_certified", 0.15, 0.0, "")),
    "email_management": (("google_workspace_certified", 0.25, 0.02, ""), ("microsoft_365_certified", 0.15, 0.02, "")),
    "social_media": (("meta_certified_marketing", 0.30, 0.04, ""), ("hubspot_social_media", 0.25, 0.03, ""), ("hootsuite_certified", 0.15, 0.0, "")),
    "customer_service": (("zendesk_support_admin", 0.30, 0.06, ""), ("hubspot_service_hub", 0.15, 0.02, ""), ("hdi_customer_service", 0.12, 0.02, "")),
}  # fmt: skip
# Whose office hours a vendor works: the zone, a label, and the country whose rules it knows.
MARKETS = {
    "us_east": ("America/New_York", "US Eastern business hours", "US"),
    "us_west": ("America/Los_Angeles", "US Pacific business hours", "US"),
    "uk": ("Europe/London", "UK office hours", "GB"),
    "au": ("Australia/Sydney", "Australian east-coast business hours", "AU"),
}

# --- Businesses -----------------------------------------------------------------------------
# code, weight, currency, IANA zones, languages (first always), neighbourhoods, owner names.
_BUSINESS_COUNTRIES = (
    ("US", 60, "USD", "America/New_York America/Chicago America/Denver America/Los_Angeles America/Phoenix", "en es:.15", "Maple Street, Riverside, Oak Park, Cedar Hill, Lakeview, Brookside, Elm Grove, Harbor Point", "anglo"),
    ("GB", 12, "GBP", "Europe/London", "en", "Camden, Harrogate, Clifton, Didsbury, Jesmond, Headingley", "anglo"),
    ("CA", 9, "CAD", "America/Toronto America/Vancouver America/Edmonton America/Halifax", "en fr:.2", "Kitsilano, Riverdale, Kensington, Glebe, Hydrostone", "anglo"),
    ("AU", 7, "AUD", "Australia/Sydney Australia/Melbourne Australia/Brisbane Australia/Perth", "en", "Fitzroy, Paddington, New Farm, Fremantle, Glenelg", "anglo"),
    ("IE", 4, "EUR", "Europe/Dublin", "en", "Ranelagh, Salthill, Kinsale, Howth", "anglo"),
    ("ES", 4, "EUR", "Europe/Madrid", "es en:.4", "Malasaña, Triana, Ruzafa, Gràcia, Chamberí", "hispanic"),
    ("DE", 4, "EUR", "Europe/Berlin", "de en:.5", "Kreuzberg, Schwabing, Ehrenfeld, Altona, Neustadt", "german"),
)  # fmt: skip
# kind, name templates, employees (low, high), task types it hands off (type:weight),
# whether it handles patient data (appointment tasks may then require hipaa_trained in the US).
_BUSINESS_KINDS = (
    ("bakery", "{surname}'s Bakery|{place} Bakehouse|{place} Bread Co.", (3, 18), "bookkeeping:3 payroll:3 social_media:3 invoicing:1 customer_service:1", False),
    ("cafe", "{place} Coffee House|{surname}'s Cafe|The {place} Cafe", (3, 20), "bookkeeping:3 payroll:3 social_media:2 customer_service:1", False),
    ("dental clinic", "{place} Family Dental|{surname} Dental Care|{place} Smile Studio", (5, 30), "appointment_scheduling:4 bookkeeping:2 payroll:2 customer_service:1 email_management:1", True),
    ("physiotherapy clinic", "{place} Physio|{surname} Physiotherapy|{place} Sports Rehab", (3, 15), "appointment_scheduling:4 invoicing:2 bookkeeping:2 email_management:1", True),
    ("plumbing firm", "{surname} & Sons Plumbing|{place} Plumbing|{surname} Plumbing & Heating", (2, 25), "invoicing:3 appointment_scheduling:3 bookkeeping:2 payroll:2 customer_service:1", False),
    ("electrical contractor", "{surname} Electric|{place} Electrical Services", (2, 30), "invoicing:3 bookkeeping:2 payroll:2 appointment_scheduling:2", False),
    ("yoga studio", "{place} Yoga|{surname} Yoga Studio|Still Point Yoga {place}", (2, 12), "appointment_scheduling:3 social_media:3 email_management:2 bookkeeping:1", False),
    ("hair salon", "{place} Hair Studio|{surname} Hair & Beauty", (3, 15), "appointment_scheduling:4 social_media:3 payroll:1 bookkeeping:1", False),
    ("law office", "{surname} Law Office|{surname} & {surname2} Law|{surname} Legal", (2, 20), "invoicing:3 email_management:3 bookkeeping:2 appointment_scheduling:2", False),
    ("online shop", "{place} Goods|{surname} & Co. Online|The {place} Store", (1, 12), "customer_service:4 social_media:3 bookkeeping:2 email_management:2", False),
    ("veterinary clinic", "{place} Veterinary Clinic|{surname} Animal Hospital", (4, 25), "appointment_scheduling:4 customer_service:2 payroll:2 bookkeeping:1", False),
    ("real estate agency", "{surname} Realty|{place} Property Partners", (2, 20), "email_management:3 social_media:3 appointment_scheduling:2 invoicing:1", False),
    ("landscaping company", "{surname} Landscaping|{place} Gardens & Grounds", (3, 30), "invoicing:3 appointment_scheduling:2 payroll:2 bookkeeping:2", False),
    ("design studio", "{surname} Design|Studio {place}", (2, 12), "invoicing:3 bookkeeping:2 email_management:2 social_media:1", False),
    ("auto repair shop", "{surname}'s Auto Repair|{place} Auto Care", (3, 20), "appointment_scheduling:3 invoicing:2 bookkeeping:2 customer_service:1 payroll:1", False),
    ("restaurant", "{place} Kitchen|{surname}'s Bistro|The {place} Table", (8, 45), "payroll:4 bookkeeping:3 social_media:2 customer_service:1", False),
    ("cleaning company", "{place} Cleaning Co.|{surname} Cleaning Services", (4, 40), "appointment_scheduling:3 payroll:3 invoicing:2 customer_service:2", False),
    ("fitness gym", "{place} Fitness|{surname} Strength & Conditioning", (3, 25), "social_media:3 customer_service:2 email_management:2 appointment_scheduling:2 payroll:1", False),
    ("tutoring centre", "{place} Learning Centre|{surname} Tutoring", (2, 15), "appointment_scheduling:3 email_management:2 invoicing:2 social_media:1", False),
    ("florist", "{place} Flowers|{surname}'s Florist", (1, 8), "social_media:3 customer_service:2 bookkeeping:2 invoicing:1", False),
)  # fmt: skip
# Monthly volume a small business has: fixed + per employee, x lognormal noise, within (lo, hi).
# Payroll is exact: every employee is paid.
VOLUME: dict[str, tuple[float, float, int, int]] = {
    "invoicing": (20, 6, 10, 800),
    "bookkeeping": (80, 20, 40, 3000),
    "payroll": (0, 1, 1, 500),
    "appointment_scheduling": (40, 30, 20, 3000),
    "email_management": (200, 40, 100, 6000),
    "social_media": (10, 0.4, 4, 90),
    "customer_service": (60, 20, 20, 4000),
}
# Budget stances: weight, and the unit price (tier, position in its range) the budget assumes.
BUDGET_STANCES = (("tight", 30, OFF), ("fair", 45, NEAR), ("generous", 25, ON))
TITLES = {
    "invoicing": ("Send and chase {kind} invoices", "Monthly invoicing and collections", "Invoice customers after each job"),
    "bookkeeping": ("Monthly bookkeeping for the {kind}", "Keep the books reconciled", "Catch up and maintain the books"),
    "payroll": ("Run payroll for {volume} staff", "Monthly payroll and filings", "Payroll for the {kind} team"),
    "appointment_scheduling": ("Book and confirm appointments", "Manage the booking calendar", "Answer booking requests and reschedules"),
    "email_management": ("Triage the shared inbox", "Inbox management for the owner", "Answer routine emails"),
    "social_media": ("Instagram and Facebook posts", "Run our social media", "Weekly social posts for the {kind}"),
    "customer_service": ("Answer customer emails and chats", "Customer support inbox", "Handle customer questions and returns"),
}  # fmt: skip
DESCRIPTIONS = {
    "invoicing": "About {volume} invoices a month, raised from job sheets and chased at 30 days.",
    "bookkeeping": "Around {volume} transactions a month across {accounts} bank and card accounts; reconciled monthly, with a P&L by the 10th.",
    "payroll": "{volume} employees paid {frequency}; hours come from the managers' timesheets.",
    "appointment_scheduling": "Roughly {volume} appointments a month: new bookings, reminders, cancellations and reschedules.",
    "email_management": "About {volume} emails a month; sort them, answer the routine ones and flag the rest.",
    "social_media": "{volume} posts a month with simple graphics, plus replies to comments.",
    "customer_service": "About {volume} tickets a month by email and chat: order status, bookings, refunds and questions.",
}  # fmt: skip
# Share of tasks that ask for coverage hours, by type; and the windows they ask for.
COVERAGE_SHARE = {
    "invoicing": 0.05,
    "bookkeeping": 0.0,
    "payroll": 0.0,
    "appointment_scheduling": 0.7,
    "email_management": 0.3,
    "social_media": 0.05,
    "customer_service": 0.75,
}
COVERAGE_WINDOWS = (
    ("09:00", "17:00", "mon tue wed thu fri", 5),
    ("08:00", "18:00", "mon tue wed thu fri", 3),
    ("09:00", "17:00", "mon tue wed thu fri sat", 2),
    ("07:00", "19:00", "mon tue wed thu fri sat sun", 1),
)
WEIGHT_CHOICES = (
    {"budget": 2.0},
    {"reputation": 2.0},
    {"timezone": 2.0, "budget": 1.5},
    {"skills": 1.5},
    {"volume": 0.5, "budget": 1.5},
)

# --- The advisor's inputs -------------------------------------------------------------------
# What an hour of the owner's time is worth, USD (low, high) by kind: what they would
# otherwise bill or earn in that hour (a dentist's hour is dear, a florist's less so).
HOURLY_VALUE_USD: dict[str, Range] = {
    "dental clinic": (90, 180),
    "law office": (110, 250),
    "physiotherapy clinic": (60, 110),
    "veterinary clinic": (70, 130),
    "real estate agency": (50, 120),
    "design studio": (45, 100),
    "electrical contractor": (45, 85),
    "plumbing firm": (45, 85),
}
DEFAULT_HOURLY_VALUE_USD: Range = (18, 45)
# How fast an owner who has done the work for years gets through it, against a specialist's
# pace (UNITS_PER_HOUR): some are slow at it, some have it down to a routine.
OWNER_PACE: Range = (0.5, 1.6)
# Work that is what the business sells, so the advisor says keep it: a salon's bookings,
# a shop's customers, an agency's posts. A task of such a (kind, type) is core 60% of the time.
CORE_WORK = {
    ("hair salon", "appointment_scheduling"),
    ("yoga studio", "social_media"),
    ("online shop", "customer_service"),
    ("real estate agency", "social_media"),
    ("design studio", "social_media"),
    ("fitness gym", "social_media"),
    ("florist", "social_media"),
    ("tutoring centre", "appointment_scheduling"),
}

# --- Time and ids ---------------------------------------------------------------------------
# Rows are "created" over SPAN_DAYS from EPOCH; ids encode the same instant (see api/ids.py).
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
SPAN_DAYS = 300
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
REFERENCE_MONDAY = date(2026, 1, 12)  # the week used to turn market hours into vendor hours
BATCH = 2000  # objects per flush


@dataclass(frozen=True)
class VendorCountry:
    code: str
    name: str
    tier: int
    weight: int
    zones: tuple[str, ...]
    languages: tuple[tuple[str, float], ...]
    currencies: tuple[tuple[str, float], ...]
    markets: tuple[tuple[str, float], ...]
    cities: tuple[str, ...]
    names: str


@dataclass(frozen=True)
class BusinessCountry:
    code: str
    weight: int
    currency: str
    zones: tuple[str, ...]
    languages: tuple[tuple[str, float], ...]
    places: tuple[str, ...]
    names: str


@dataclass(frozen=True)
class BusinessKind:
    label: str
    templates: tuple[str, ...]
    employees: tuple[int, int]
    task_types: tuple[tuple[str, float], ...]
    medical: bool


def _pairs(spec: str) -> tuple[tuple[str, float], ...]:
    """``"en es:.15"`` -> ``(("en", 1.0), ("es", 0.15))``."""
    items = []
    for item in spec.split():
        key, _, value = item.partition(":")
        items.append((key, float(value) if value else 1.0))
    return tuple(items)


def _commas(spec: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in spec.split(","))


VENDOR_COUNTRIES = tuple(
    VendorCountry(code, name, tier, weight, tuple(zones.split()), _pairs(langs), _pairs(curs), _pairs(markets), _commas(cities), names)
    for code, name, tier, weight, zones, langs, curs, markets, cities, names in _VENDOR_COUNTRIES
)  # fmt: skip
BUSINESS_COUNTRIES = tuple(
    BusinessCountry(code, weight, currency, tuple(zones.split()), _pairs(langs), _commas(places), names)
    for code, weight, currency, zones, langs, places, names in _BUSINESS_COUNTRIES
)  # fmt: skip
BUSINESS_KINDS = tuple(
    BusinessKind(label, tuple(templates.split("|")), employees, _pairs(types), medical)
    for label, templates, employees, types, medical in _BUSINESS_KINDS
)
AFFINITIES = {task_type: _pairs(spec) for task_type, spec in AFFINITY.items()}
PEOPLE = {
    pool: (tuple(first.split()), tuple(last.split()))
    for pool, (first, last) in ((k, v.split("|")) for k, v in NAMES.items())
}
