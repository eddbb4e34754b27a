"""The sandbox's Connect page (``GET /connect``): a stand-alone HTML/JS widget like connect.pluggy.ai §11.4."""
