"""Generated vendor descriptions for benchmarks: half Chinese, half English, 60 to 150 characters."""

from __future__ import annotations

import random

_EN_OPENINGS = [
    "We are a {size} {kind} based in {place}.",
    "Founded in {year}, our {place} team serves {clients}.",
    "{place}-headquartered partner for {clients}.",
    "Our company supports {clients} from {place}.",
]
_EN_SERVICES = [
    "Phase I-III clinical trial management", "site monitoring and biostatistics", "GMP manufacturing of APIs",
    "process development and scale-up", "sterile fill-finish of vials", "medical detailing and contract sales forces",
    "pharmacovigilance case processing", "analytical method development", "commercial packaging and labelling",
    "DMPK and toxicology studies", "market access and KOL management", "tablet and capsule production",
    "brand marketing campaigns", "office furniture and logistics", "technology transfer to commercial sites",
]
_ZH_OPENINGS = ["公司成立于{year}年，总部位于{zplace}，", "我们是一家{zsize}企业，", "本公司为{zclients}提供", "集团在{zplace}设有基地，"]
_ZH_SERVICES = [
    "I-III期临床试验管理", "临床监查和生物统计", "原料药和中间体的GMP生产", "工艺开发与放大生产", "无菌制剂灌装",
    "学术推广和医药代表服务", "药物警戒和不良反应监测", "分析方法开发与验证", "商业化包装和贴签", "药代动力学与毒理学研究",
    "市场准入与医院进院服务", "片剂和胶囊代工生产", "品牌营销与广告投放", "办公家具与仓储物流", "技术转移与工艺验证",
]


def generate_descriptions(count: int, rng: random.Random) -> list[str]:
    """Return count descriptions, alternating English and Chinese, each 60 to 150 characters."""
    texts = []
    while len(texts) < count:
        texts.append(_english(rng) if len(texts) % 2 == 0 else _chinese(rng))
    return texts


def _english(rng: random.Random) -> str:
    opening = rng.choice(_EN_OPENINGS).format(
        size=rng.choice(["small", "mid-sized", "global", "specialist"]),
        kind=rng.choice(["service provider", "company", "partner", "team"]),
        place=rng.choice(["Shanghai", "Boston", "Basel", "Taipei", "Hong Kong", "Dublin"]),
        year=rng.randint(1980, 2024),
        clients=rng.choice(["biotech sponsors", "pharma clients", "generic makers", "startups"]),
    )
    return _fill(opening, _EN_SERVICES, rng, " We offer ", ", ", ".", 60, 150)


def _chinese(rng: random.Random) -> str:
    opening = rng.choice(_ZH_OPENINGS).format(
        year=rng.randint(1990, 2024),
        zplace=rng.choice(["上海", "苏州", "杭州", "台北", "香港", "成都"]),
        zsize=rng.choice(["中型", "专业", "全球化", "创新型"]),
        zclients=rng.choice(["生物技术公司", "制药企业", "仿制药厂商", "初创药企"]),
    )
    return _fill(opening, _ZH_SERVICES, rng, "主要提供", "、", "等服务，客户遍及国内外。", 60, 150)


def _fill(opening: str, services: list[str], rng: random.Random, lead: str, sep: str, end: str, low: int, high: int) -> str:
    chosen = rng.sample(services, k=len(services))
    text = opening + lead + chosen.pop()
    while chosen and len(text) + len(end) < low:
        text += sep + chosen.pop()
    while chosen and len(text) + len(sep) + len(chosen[-1]) + len(end) <= high and rng.random() < 0.6:
        text += sep + chosen.pop()
    return (text + end)[:high]
