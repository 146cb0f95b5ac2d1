"""Hygiene rules: conversion debris, doubled words, text that mirror sites inject."""
