"""The floor: the smallest Streamlit page with one plotly chart, timed like the tracker's pages."""

import plotly.graph_objects as go
import streamlit as st

st.title("Hello, world")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b", "c"], y=[3, 1, 2])), key="hello")
