"""Inter-annotator agreement: Krippendorff's α_u on spans (unitizing.py), Cohen's and
Fleiss' κ and Krippendorff's α on token labels (coefficients.py, by NLTK), exact and
overlap F1 between pairs and speaker agreement (spans.py), put together per label, pair
and article (compute.py) for the `Library` facade (service.py). No storage, no Qt."""
