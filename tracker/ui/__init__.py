"""The Streamlit pages and the few helpers they share; the only place that imports streamlit."""
