"""Choice lists of the member register (English in code, Chinese through the catalogs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class DocumentType(models.TextChoices):
    RESIDENT_ID = "resident_id", _("Resident ID card")
    HMT_PERMIT = "hmt_permit", _("Hong Kong, Macau or Taiwan permit")
    PASSPORT = "passport", _("Passport")


class Education(models.TextChoices):
    POSTGRADUATE = "postgraduate", _("Postgraduate")
    BACHELOR = "bachelor", _("Bachelor's degree")
    COLLEGE = "college", _("Junior college")
    SECONDARY = "secondary", _("Senior or vocational secondary school")
    JUNIOR = "junior", _("Junior secondary school or below")


class EmploymentForm(models.TextChoices):
    REGULAR = "regular", _("Regular employee")
    DISPATCHED = "dispatched", _("Dispatched worker")
    MIGRANT = "migrant", _("Migrant worker")
    NEW_FORM = "new_form", _("New form of employment (riders, ride-hailing drivers…)")
    FLEXIBLE = "flexible", _("Flexible employment")
    RETIRED = "retired", _("Retired")


class MemberStatus(models.TextChoices):
    ACTIVE = "active", _("On the register")
    TRANSFERRED_OUT = "transferred_out", _("Transferred out")
    WITHDRAWN = "withdrawn", _("Left the union")
    DECEASED = "deceased", _("Deceased")


class ModelWorkerLevel(models.TextChoices):
    NATIONAL = "national", _("National model worker")
    PROVINCIAL = "provincial", _("Provincial model worker")
    CITY = "city", _("City model worker")
    DISTRICT = "district", _("District model worker")
    ENTERPRISE = "enterprise", _("Enterprise or system model worker")


class Ethnicity(models.TextChoices):
    """GB/T 3304 codes."""

    HAN = "01", _("Han")
    MONGOL = "02", _("Mongol")
    HUI = "03", _("Hui")
    TIBETAN = "04", _("Tibetan")
    UYGHUR = "05", _("Uyghur")
    MIAO = "06", _("Miao")
    YI = "07", _("Yi")
    ZHUANG = "08", _("Zhuang")
    BUYEI = "09", _("Buyei")
    KOREAN = "10", _("Korean")
    MANCHU = "11", _("Manchu")
    DONG = "12", _("Dong")
    YAO = "13", _("Yao")
    BAI = "14", _("Bai")
    TUJIA = "15", _("Tujia")
    HANI = "16", _("Hani")
    KAZAKH = "17", _("Kazakh")
    DAI = "18", _("Dai")
    LI = "19", _("Li")
    LISU = "20", _("Lisu")
    VA = "21", _("Va")
    SHE = "22", _("She")
    GAOSHAN = "23", _("Gaoshan")
    LAHU = "24", _("Lahu")
    SUI = "25", _("Sui")
    DONGXIANG = "26", _("Dongxiang")
    NAXI = "27", _("Naxi")
    JINGPO = "28", _("Jingpo")
    KYRGYZ = "29", _("Kyrgyz")
    TU = "30", _("Tu")
    DAUR = "31", _("Daur")
    MULAO = "32", _("Mulao")
    QIANG = "33", _("Qiang")
    BLANG = "34", _("Blang")
    SALAR = "35", _("Salar")
    MAONAN = "36", _("Maonan")
    GELAO = "37", _("Gelao")
    XIBE = "38", _("Xibe")
    ACHANG = "39", _("Achang")
    PUMI = "40", _("Pumi")
    TAJIK = "41", _("Tajik")
    NU = "42", _("Nu")
    UZBEK = "43", _("Uzbek")
    RUSSIAN = "44", _("Russian")
    EVENKI = "45", _("Evenki")
    DEANG = "46", _("De'ang")
    BONAN = "47", _("Bonan")
    YUGUR = "48", _("Yugur")
    GIN = "49", _("Gin")
    TATAR = "50", _("Tatar")
    DERUNG = "51", _("Derung")
    OROQEN = "52", _("Oroqen")
    HEZHEN = "53", _("Hezhen")
    MONBA = "54", _("Monba")
    LHOBA = "55", _("Lhoba")
    JINO = "56", _("Jino")
    OTHER = "97", _("Other ethnicity")
    FOREIGN_ORIGIN = "98", _("Foreign-born Chinese citizen")
