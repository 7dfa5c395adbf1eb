# Modelos do programa.
