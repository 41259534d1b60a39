print("grade: coming")
