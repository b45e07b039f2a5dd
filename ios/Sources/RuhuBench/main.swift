print("ruhu-ios-bench: not written yet")
