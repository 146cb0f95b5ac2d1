"""Privacy rules: personal data that must not be published (条例 第十五条)."""
