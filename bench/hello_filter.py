"""The floor for a filter change in the browser: one sidebar filter and one plotly chart that follows it."""

import plotly.graph_objects as go
import streamlit as st

PARTS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")

st.title("Hello, filter")
chosen = st.sidebar.multiselect("Convention part", PARTS, key="part", placeholder="All parts")
shown = chosen or list(PARTS)
st.plotly_chart(go.Figure(go.Bar(x=shown, y=[PARTS.index(p) + 1 for p in shown])), key="hello")
