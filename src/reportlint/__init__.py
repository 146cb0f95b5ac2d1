"""reportlint"""
