"""What the page tests send and expect: a browser's Accept header, forms, the size limit and the policy of a page."""

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
POLICY = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
MAX_PAGE_BYTES = 100_000

CLASSIFY_FORM = {"text": "提供从临床前到商业化阶段的原料药工艺开发与GMP生产，不承担临床试验\nOur CMO leads brand marketing\n本公司提供委託製造服務與藥品包裝"}
CHECK_FORM = {"source": "Our CRO runs clinical trials.", "target": "我们的合约研究组织开展研究。", "source_lang": "en", "target_lang": "zh-Hans"}
